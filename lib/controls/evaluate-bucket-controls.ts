// CloudTrail.6 (the trail bucket is not public) and CloudTrail.7 (the trail bucket has server
// access logging on), judged per bucket of the applicable trails. Buckets are read in their owning
// account (often a central log-archive account), so a bucket elsewhere in the organization is
// judged normally; only a bucket outside the organization is NO_DATA. A failed read is ERROR.
import type { BucketState, PublicAccessBlockState } from "@/lib/collect/snapshot-types";
import type { ControlId, ControlVerdict } from "@/lib/controls/types";
import { aggregateItems, type ItemOutcome } from "@/lib/controls/aggregate-items";
import { describeAccessError, describeFailedCall, describeServiceError } from "@/lib/controls/collection-errors";
import { bucketArn } from "@/lib/controls/evidence";
import type { EvaluationContext } from "@/lib/controls/evaluation-context";

interface TrailBucket {
  name: string;
  arn: string;
  /** "bucket `logs` in account 222 (trail `audit` in us-east-1)". */
  label: string;
  state: BucketState | undefined;
  trailArns: string[];
}

function trailBuckets(ctx: EvaluationContext): TrailBucket[] {
  const byName = new Map<string, { labels: string[]; trailArns: string[] }>();
  for (const { trail, label } of ctx.trails) {
    if (!trail.s3BucketName) continue;
    const entry = byName.get(trail.s3BucketName) ?? { labels: [], trailArns: [] };
    entry.labels.push(label);
    entry.trailArns.push(trail.arn);
    byName.set(trail.s3BucketName, entry);
  }
  return [...byName].map(([name, { labels, trailArns }]) => {
    const state = ctx.state.buckets[name];
    const owner = state?.ownerAccountId;
    const where = owner && owner !== ctx.state.accountId ? ` in account ${owner}` : "";
    return {
      name,
      arn: bucketArn(ctx.state.partition, name),
      label: `bucket \`${name}\`${where} (${labels.join(", ")})`,
      state,
      trailArns,
    };
  });
}

function notCollected(bucket: TrailBucket): ItemOutcome {
  return { status: "ERROR", reason: `${bucket.label} was not collected`, evidence: [bucket.arn, ...bucket.trailArns] };
}

/** NO_DATA/ERROR outcomes shared by both bucket controls, or undefined when the bucket was read. */
function unreadable(ctx: EvaluationContext, bucket: TrailBucket, state: BucketState): ItemOutcome | undefined {
  const evidence = [bucket.arn, ...bucket.trailArns];
  if (state.readStatus === "no_data") {
    const owner = state.ownerAccountId ? `account ${state.ownerAccountId}` : "an account";
    const why = state.reason ? ` (${state.reason})` : "";
    return {
      status: "NO_DATA",
      reason: `${bucket.label} is owned by ${owner} outside the organization: its settings cannot be read${why}`,
      evidence,
    };
  }
  if (state.readStatus === "error") {
    const call =
      describeServiceError(ctx.state, ["s3"], [bucket.name, bucket.arn]) ??
      describeAccessError(ctx.state, state.ownerAccountId) ??
      "an S3 call failed";
    return { status: "ERROR", reason: `${bucket.label} could not be read (${call})`, evidence };
  }
  return undefined;
}

function blockFullyOn(block: PublicAccessBlockState): boolean {
  return block.blockPublicAcls && block.ignorePublicAcls && block.blockPublicPolicy && block.restrictPublicBuckets;
}

function blockOffSettings(block: PublicAccessBlockState): string {
  const off = (
    [
      ["BlockPublicAcls", block.blockPublicAcls],
      ["IgnorePublicAcls", block.ignorePublicAcls],
      ["BlockPublicPolicy", block.blockPublicPolicy],
      ["RestrictPublicBuckets", block.restrictPublicBuckets],
    ] as const
  ).filter(([, on]) => !on);
  return off.map(([name]) => name).join(", ");
}

function judgePublic(ctx: EvaluationContext, bucket: TrailBucket, state: BucketState): ItemOutcome {
  const evidence = [bucket.arn, ...bucket.trailArns];
  const block = state.publicAccessBlock;
  if (block && blockFullyOn(block)) {
    return { status: "PASSED", reason: `${bucket.label} has the public access block fully on`, evidence };
  }
  const blockPhrase = block
    ? `its public access block is not fully on (${blockOffSettings(block)} off)`
    : "its public access block could not be read";
  if (state.policyIsPublic === false) {
    return { status: "PASSED", reason: `${bucket.label} has a policy that is not public (${blockPhrase})`, evidence };
  }
  if (state.policyIsPublic === true && block) {
    return { status: "FAILED", reason: `${bucket.label} has a public bucket policy and ${blockPhrase}`, evidence };
  }
  const policyPhrase =
    state.policyIsPublic === true
      ? "its policy is public"
      : `its policy status could not be read (${describeFailedCall(ctx.state, "GetBucketPolicyStatus", [bucket.name, bucket.arn])})`;
  return { status: "ERROR", reason: `${bucket.label}: ${policyPhrase} and ${blockPhrase}`, evidence };
}

function judgeAccessLogging(ctx: EvaluationContext, bucket: TrailBucket, state: BucketState): ItemOutcome {
  const evidence = [bucket.arn, ...bucket.trailArns];
  const logging = state.accessLogging;
  if (logging === null) {
    const call = describeFailedCall(ctx.state, "GetBucketLogging", [bucket.name, bucket.arn]);
    return {
      status: "ERROR",
      reason: `${bucket.label} has access logging settings that could not be read (${call})`,
      evidence,
    };
  }
  if (!logging.enabled) {
    return { status: "FAILED", reason: `${bucket.label} has server access logging off`, evidence };
  }
  const target = logging.targetBucket ? ` to \`${logging.targetBucket}/${logging.targetPrefix ?? ""}\`` : "";
  const targetArn = logging.targetBucket ? bucketArn(ctx.state.partition, logging.targetBucket) : undefined;
  return {
    status: "PASSED",
    reason: `${bucket.label} has server access logging on${target}`,
    evidence: [...evidence, targetArn],
  };
}

function perBucket(
  ctx: EvaluationContext,
  controlId: ControlId,
  judge: (ctx: EvaluationContext, bucket: TrailBucket, state: BucketState) => ItemOutcome,
  allPassed: (n: number) => string,
): ControlVerdict {
  const items = trailBuckets(ctx).map((bucket) =>
    bucket.state ? (unreadable(ctx, bucket, bucket.state) ?? judge(ctx, bucket, bucket.state)) : notCollected(bucket),
  );
  const noneReason =
    ctx.trails.length === 0
      ? "no trail applies to this account, so there is no trail bucket to check"
      : "no applicable trail names an S3 bucket";
  return aggregateItems(controlId, items, {
    noneReason,
    allPassedReason: allPassed,
    incompleteReason: ctx.incompleteReason,
  });
}

export function evaluateCloudTrail6(ctx: EvaluationContext): ControlVerdict {
  return perBucket(ctx, "CloudTrail.6", judgePublic, (n) => `none of the ${n} trail buckets is public`);
}

export function evaluateCloudTrail7(ctx: EvaluationContext): ControlVerdict {
  return perBucket(
    ctx,
    "CloudTrail.7",
    judgeAccessLogging,
    (n) => `all ${n} trail buckets have server access logging on`,
  );
}
