// S3's ExpectedBucketOwner, which moto ignores: a request carrying `x-amz-expected-bucket-owner`
// on a bucket another account owns is refused with 403 AccessDenied, as AWS does ("Verifying bucket
// ownership with bucket owner condition", S3 User Guide). A bucket that does not exist is left to
// moto (NoSuchBucket, as on AWS). Owners are asked of moto itself: ListBuckets acting in the
// expected account (moto's `x-moto-account-id`) lists exactly that account's buckets, and a
// confirmed owner is remembered until a CreateBucket or DeleteBucket of that name passes by.
import type { ForwardedAnswer, ProxyContext, ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import type { ProxyAnswer } from "@/sim/proxy/aws-errors";
import type { AwsCall } from "@/sim/proxy/describe-call";

const HEADER = "x-amz-expected-bucket-owner";

/** The bucket of a path-style S3 request (`/bucket/key?...`), or undefined for ListBuckets. */
export function bucketOf(call: AwsCall): string | undefined {
  const path = new URL(call.url, "http://x").pathname;
  const first = path.split("/")[1];
  return first ? decodeURIComponent(first) : undefined;
}

/** CreateBucket and DeleteBucket: PUT or DELETE on the bucket itself, without a sub-resource. */
function changesOwner(call: AwsCall): boolean {
  const url = new URL(call.url, "http://x");
  const bucketOnly = url.pathname.split("/").filter(Boolean).length === 1 && url.search === "";
  return bucketOnly && (call.method === "PUT" || call.method === "DELETE");
}

function s3Headers(accountId?: string): Record<string, string> {
  return {
    // moto reads the service and region from the credential scope; it does not check signatures.
    authorization:
      "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
    ...(accountId ? { "x-moto-account-id": accountId } : {}),
  };
}

async function ownedBy(ctx: ProxyContext, bucket: string, accountId: string): Promise<boolean> {
  const answer = await ctx.send({ method: "GET", path: "/", headers: s3Headers(accountId) });
  const names = [...answer.body.toString("utf8").matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1]);
  return names.includes(bucket);
}

async function exists(ctx: ProxyContext, bucket: string): Promise<boolean> {
  const answer = await ctx.send({ method: "HEAD", path: `/${encodeURIComponent(bucket)}`, headers: s3Headers() });
  return answer.status !== 404;
}

function accessDenied(call: AwsCall, ctx: ProxyContext): ProxyAnswer {
  // A HEAD answer has no body: the SDK sees the bare 403 (code "Forbidden"), as from AWS.
  if (call.method === "HEAD") return { status: 403, headers: {}, body: "" };
  return ctx.awsError(call, 403, "AccessDenied", "Access Denied");
}

export interface ExpectedBucketOwnerInterceptor extends ProxyInterceptor {
  stats: { checked: number; refused: number };
}

export function expectedBucketOwnerInterceptor(): ExpectedBucketOwnerInterceptor {
  const owners = new Map<string, string>();
  const stats = { checked: 0, refused: 0 };
  return {
    name: "expected-bucket-owner",
    stats,
    async intercept(call, ctx) {
      if (call.service !== "s3") return undefined;
      const expected = call.headers[HEADER];
      const bucket = bucketOf(call);
      if (typeof expected !== "string" || !bucket) return undefined;
      stats.checked += 1;
      if (owners.get(bucket) === expected) return undefined;
      if (await ownedBy(ctx, bucket, expected)) {
        owners.set(bucket, expected);
        return undefined;
      }
      if (!(await exists(ctx, bucket))) return undefined;
      stats.refused += 1;
      return accessDenied(call, ctx);
    },
    observe(call: AwsCall, answer: ForwardedAnswer) {
      if (call.service !== "s3" || answer.status >= 300 || !changesOwner(call)) return;
      const bucket = bucketOf(call);
      if (bucket) owners.delete(bucket);
    },
  };
}
