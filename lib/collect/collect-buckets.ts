// Trail buckets, read in the account that owns them, once per run per bucket.
//
// Finding the owner: S3 has no "who owns this bucket" call, and a trail's bucket is often in a
// log-archive account. ListBuckets lists only the caller's own buckets, so an index built from
// ListBuckets is exact. It is built once per run from the likely central accounts (the management
// account and accounts named like log-archive/audit/security), and a bucket not found there is
// looked for in the trail's own account. Each ListBuckets happens at most once per account per
// run, and only for accounts whose trails point at a bucket not found yet. A bucket no
// organization account owns is NO_DATA (its configuration is outside what we may read). Reading in
// the trail's account and trying others on AccessDenied was rejected: an emulator (and a bucket
// policy granting read access) answers from the wrong account, so the owner would be wrong.
import {
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from "@aws-sdk/client-s3";
import { assumeInto } from "@/lib/collect/assume-into";
import type { CallRecorder } from "@/lib/collect/call-recorder";
import { sharedRead, type RunContext, type SharedRead } from "@/lib/collect/run-context";
import type { BucketState } from "@/lib/collect/snapshot-types";

const CENTRAL_NAME = /log|archive|audit|security/i;
const MAX_CENTRAL_CANDIDATES = 6;

type BucketIndex = Map<string, { region?: string }>;

function bucketsOf(ctx: RunContext, trigger: CallRecorder, accountId: string): Promise<SharedRead<BucketIndex | null>> {
  return sharedRead(ctx, `list-buckets:${accountId}`, trigger, async (rec) => {
    if (!(await assumeInto(ctx, rec, accountId)).ok) return null;
    const region = ctx.settings.primaryRegion;
    const s3 = ctx.client("s3", accountId, region);
    const index: BucketIndex = new Map();
    let token: string | undefined;
    do {
      const res = await rec.call(
        { service: "s3", operation: "ListBuckets", region, accountId },
        () => s3.send(new ListBucketsCommand({ ContinuationToken: token })),
        {
          keepRaw: (v) => ({ bucketCount: v.Buckets?.length ?? 0 }),
        },
      );
      if (!res.ok) return null;
      for (const b of res.value.Buckets ?? []) if (b.Name) index.set(b.Name, { region: b.BucketRegion });
      token = res.value.ContinuationToken;
    } while (token);
    return index;
  });
}

function centralCandidates(ctx: RunContext): string[] {
  const mgmt = ctx.organization?.managementAccountId;
  const named = [...ctx.orgAccounts.values()].filter((a) => CENTRAL_NAME.test(a.name)).map((a) => a.id);
  return [...new Set([...(mgmt ? [mgmt] : []), ...named])].slice(0, MAX_CENTRAL_CANDIDATES);
}

interface Owner {
  accountId: string | null;
  region?: string;
  reason?: string;
}

async function findOwner(ctx: RunContext, rec: CallRecorder, bucket: string, trailAccountId: string): Promise<Owner> {
  const look = async (accountId: string): Promise<Owner | null> => {
    const r = await bucketsOf(ctx, rec, accountId);
    rec.merge(r.evidence);
    const hit = r.value?.get(bucket);
    return hit ? { accountId, region: hit.region } : null;
  };
  // Ask the trail's own account first when it is a likely owner, else the central ones.
  const central = centralCandidates(ctx);
  const order = [...new Set([...(central.includes(trailAccountId) ? [trailAccountId] : []), ...central])];
  for (const accountId of order) {
    const hit = await look(accountId);
    if (hit) return hit;
  }
  if (!order.includes(trailAccountId) && ctx.isOrgAccount(trailAccountId)) {
    const hit = await look(trailAccountId);
    if (hit) return hit;
  }
  const checked = [...new Set([...order, ...(ctx.isOrgAccount(trailAccountId) ? [trailAccountId] : [])])];
  return { accountId: null, reason: `no organization account checked owns it (${checked.join(", ") || "none"})` };
}

/** The bucket's state, read once per run in its owning account. */
export function readBucket(
  ctx: RunContext,
  trigger: CallRecorder,
  bucket: string,
  trailAccountId: string,
  trailRegion: string,
): Promise<SharedRead<BucketState>> {
  return sharedRead(ctx, `bucket:${bucket}`, trigger, async (rec) => {
    const owner = await findOwner(ctx, rec, bucket, trailAccountId);
    const state: BucketState = {
      name: bucket,
      ownerAccountId: owner.accountId,
      readStatus: "no_data",
      publicAccessBlock: null,
      policyIsPublic: null,
      accessLogging: null,
    };
    if (!owner.accountId) {
      state.reason = owner.reason;
      return state;
    }
    const accountId = owner.accountId;
    const region = owner.region ?? trailRegion;
    state.region = region;
    if (!(await assumeInto(ctx, rec, accountId)).ok) {
      state.readStatus = "error";
      return state;
    }
    const s3 = ctx.client("s3", accountId, region);
    const target = (operation: string) => ({ service: "s3", operation, region, accountId, resource: bucket });
    const [logging, pab, policy] = await Promise.all([
      rec.call(target("GetBucketLogging"), () =>
        s3.send(new GetBucketLoggingCommand({ Bucket: bucket, ExpectedBucketOwner: accountId })),
      ),
      rec.call(
        target("GetPublicAccessBlock"),
        () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: accountId })),
        {
          expectedErrors: ["NoSuchPublicAccessBlockConfiguration"],
        },
      ),
      rec.call(
        target("GetBucketPolicyStatus"),
        () => s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket, ExpectedBucketOwner: accountId })),
        {
          expectedErrors: ["NoSuchBucketPolicy"],
        },
      ),
    ]);
    if (logging.ok) {
      const le = logging.value.LoggingEnabled;
      state.accessLogging = le?.TargetBucket
        ? { enabled: true, targetBucket: le.TargetBucket, targetPrefix: le.TargetPrefix }
        : { enabled: false };
    }
    if (pab.ok) {
      const c = pab.value.PublicAccessBlockConfiguration ?? {};
      state.publicAccessBlock = {
        blockPublicAcls: c.BlockPublicAcls ?? false,
        ignorePublicAcls: c.IgnorePublicAcls ?? false,
        blockPublicPolicy: c.BlockPublicPolicy ?? false,
        restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
      };
    } else if (pab.expected) {
      state.publicAccessBlock = {
        blockPublicAcls: false,
        ignorePublicAcls: false,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      };
    }
    if (policy.ok) state.policyIsPublic = policy.value.PolicyStatus?.IsPublic ?? false;
    else if (policy.expected) state.policyIsPublic = false; // no bucket policy: nothing makes it public
    state.readStatus = logging.ok && (pab.ok || pab.expected) && (policy.ok || policy.expected) ? "ok" : "error";
    return state;
  });
}
