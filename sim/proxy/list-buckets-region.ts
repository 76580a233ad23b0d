// S3's ListBuckets answers each bucket's region (`BucketRegion`, returned by AWS since 2024); moto
// 5.2.1 leaves it out. The collector records a bucket's region from it, and remediation creates a
// trail's KMS key in that region (AWS requires the key and the bucket in one region), so without it
// every plan here would see bucket regions as unknown. This interceptor answers ListBuckets as AWS
// does: moto's answer with each bucket's region (its location constraint) added.
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { DEFAULT_ACCOUNT, MotoReader } from "@/sim/proxy/moto-reads";

export function listBucketsRegion(): ProxyInterceptor {
  return {
    name: "list-buckets-region",
    async intercept(call, ctx) {
      if (call.service !== "s3" || call.operation !== "ListBuckets" || call.method !== "GET") return undefined;
      const headers = { ...call.headers };
      delete headers.host;
      const answer = await ctx.send({ method: call.method, path: call.url, headers, body: call.body });
      const text = answer.body.toString("utf8");
      if (answer.status !== 200 || text.includes("<BucketRegion>")) return undefined;
      const reader = new MotoReader(ctx);
      const account = call.accountId ?? DEFAULT_ACCOUNT;
      const buckets = [...text.matchAll(/<Bucket>([\s\S]*?)<\/Bucket>/g)];
      let out = text;
      for (const [whole, inner] of buckets) {
        const name = /<Name>([^<]+)<\/Name>/.exec(inner!)?.[1];
        const region = name ? await reader.bucketRegion(name, account) : null;
        if (region) out = out.replace(whole, `<Bucket>${inner}<BucketRegion>${region}</BucketRegion></Bucket>`);
      }
      const { "content-length": _length, "transfer-encoding": _encoding, ...rest } = answer.headers;
      const kept = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)]));
      return { status: 200, headers: kept, body: out };
    },
  };
}
