// S3 refuses a bucket policy over 20 KB ("Bucket policies are limited to 20 KB in size"), which
// moto accepts. A policy that grows with every account of an organization hits this limit on a real
// account long before it does in a test, so the simulator refuses it as S3 does.
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";

export const BUCKET_POLICY_MAX_BYTES = 20 * 1024;

export function strictS3PolicySize(): ProxyInterceptor {
  return {
    name: "strict-s3-policy-size",
    intercept(call, ctx) {
      if (call.service !== "s3" || call.method !== "PUT") return undefined;
      const url = new URL(call.url, "http://x");
      if (!url.searchParams.has("policy")) return undefined;
      if (call.body.length <= BUCKET_POLICY_MAX_BYTES) return undefined;
      return ctx.awsError(call, 400, "MalformedPolicy", "Policy exceeds the maximum allowed document size.");
    },
  };
}
