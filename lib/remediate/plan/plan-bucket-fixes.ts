// Decides what trail buckets need: the public access block (CloudTrail.6) and server access
// logging (CloudTrail.7) for every bucket of an applicable trail, in the bucket's owning account
// (often the log-archive account); and, for a trail the plan creates, a hardened bucket of its own
// or the central bucket with the trail's delivery statements merged into its policy.
import type { BucketState } from "@/lib/collect/snapshot-types";
import type { EvaluationContext } from "@/lib/controls/evaluation-context";
import { accountRegionKey, type BucketNeed, type PlanInputs, type PlanNeeds } from "@/lib/remediate/plan/plan-needs";
import type { TrailDelivery } from "@/lib/remediate/plan/policies/bucket-policy-statements";
import { accessLogBucketName, trailBucketName } from "@/lib/remediate/plan/resource-names";

function fullyBlocked(state: BucketState): boolean {
  const b = state.publicAccessBlock;
  return Boolean(b && b.blockPublicAcls && b.ignorePublicAcls && b.blockPublicPolicy && b.restrictPublicBuckets);
}

/** An access-log bucket the account already uses for another bucket in the snapshot, else the plan's own. */
function accessLogTarget(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  ownerAccountId: string,
  region: string,
  source: string,
): string {
  const existing = Object.values(ctx.state.buckets).find(
    (b) =>
      b.ownerAccountId === ownerAccountId &&
      (b.region ?? region) === region &&
      b.accessLogging?.enabled &&
      b.accessLogging.targetBucket,
  )?.accessLogging?.targetBucket;
  const name = existing ?? accessLogBucketName(inputs.names, ownerAccountId, region);
  const key = accountRegionKey(ownerAccountId, name);
  const need = needs.accessLogBuckets.get(key) ?? {
    name,
    accountId: ownerAccountId,
    region,
    create: !existing,
    sources: [],
  };
  if (!need.sources.some((s) => s.bucket === source)) need.sources.push({ bucket: source, accountId: ownerAccountId });
  needs.accessLogBuckets.set(key, need);
  return name;
}

function bucketNeedFor(needs: PlanNeeds, name: string, accountId: string, region: string): BucketNeed {
  let need = needs.buckets.get(name);
  if (!need) {
    need = {
      name,
      accountId,
      region,
      create: false,
      deliveries: [],
      blockPublicAccess: false,
      versioning: false,
      encryption: false,
      tlsOnly: false,
      lifecycle: false,
      accessLogTarget: null,
      controls: new Set(),
      why: [],
    };
    needs.buckets.set(name, need);
  }
  return need;
}

/** CloudTrail.6 and .7 for the buckets of the applicable trails. */
export function planExistingBucketFixes(ctx: EvaluationContext, needs: PlanNeeds, inputs: PlanInputs): void {
  const seen = new Set<string>();
  for (const { trail } of ctx.trails) {
    const name = trail.s3BucketName;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const state = ctx.state.buckets[name];
    if (!state || state.readStatus !== "ok") {
      const why = !state
        ? "was not collected"
        : state.readStatus === "no_data"
          ? (state.reason ?? "is owned outside the organization")
          : "could not be read";
      needs.notes.push({
        code: "bucket-unreadable",
        message: `bucket \`${name}\` ${why}: its public access and access logging are left as they are`,
        controls: ["CloudTrail.6", "CloudTrail.7"],
      });
      continue;
    }
    const owner = state.ownerAccountId ?? trail.ownerAccountId;
    const region = state.region ?? trail.homeRegion;
    const publicFails = !fullyBlocked(state) && state.policyIsPublic !== false;
    const loggingFails = state.accessLogging !== null && !state.accessLogging.enabled;
    if (state.accessLogging === null) {
      needs.notes.push({
        code: "bucket-logging-unknown",
        message: `bucket \`${name}\`: server access logging could not be read; re-collect to plan it`,
        controls: ["CloudTrail.7"],
      });
    }
    if (!publicFails && !loggingFails) continue;
    const need = bucketNeedFor(needs, name, owner, region);
    if (publicFails) {
      need.blockPublicAccess = true;
      need.controls.add("CloudTrail.6");
      need.why.push(`bucket \`${name}\` may be public: its public access block is not fully on (CloudTrail.6)`);
    }
    if (loggingFails) {
      need.accessLogTarget = accessLogTarget(ctx, needs, inputs, owner, region, name);
      need.controls.add("CloudTrail.7");
      need.why.push(`bucket \`${name}\` has server access logging off (CloudTrail.7)`);
    }
  }
}

/** The destination of a trail the plan creates: a new per-account bucket or the central bucket. */
export function planNewTrailBucket(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  delivery: Omit<TrailDelivery, "bucket">,
  region: string,
): string {
  const dest = inputs.settings.bucket;
  if (dest.mode === "per-account") {
    const name = trailBucketName(inputs.names, delivery.accountId);
    const need = bucketNeedFor(needs, name, delivery.accountId, region);
    Object.assign(need, {
      create: true,
      blockPublicAccess: true,
      versioning: true,
      encryption: true,
      tlsOnly: true,
      lifecycle: true,
    });
    need.deliveries.push({ ...delivery, bucket: name });
    need.accessLogTarget = accessLogTarget(ctx, needs, inputs, delivery.accountId, region, name);
    for (const c of ["CloudTrail.1", "CloudTrail.6", "CloudTrail.7"]) need.controls.add(c);
    need.why.push(
      `the new trail needs a bucket: a hardened bucket of the account's own (settings: per-account bucket)`,
    );
    return name;
  }
  const known = ctx.state.buckets[dest.name] ?? inputs.knownBuckets[dest.name];
  const need = bucketNeedFor(needs, dest.name, dest.ownerAccountId, dest.region);
  need.deliveries.push({ ...delivery, bucket: dest.name });
  need.tlsOnly = true;
  need.versioning = true;
  need.encryption = true;
  // The organization's logs land here for every member: keep them for the retention period (rules merged by ID).
  if (delivery.organizationId) need.lifecycle = true;
  need.blockPublicAccess ||= !known || !fullyBlocked(known);
  if (!known?.accessLogging?.enabled)
    need.accessLogTarget = accessLogTarget(ctx, needs, inputs, dest.ownerAccountId, dest.region, dest.name);
  for (const c of ["CloudTrail.1", "CloudTrail.6", "CloudTrail.7"]) need.controls.add(c);
  need.why.push(
    `the new trail delivers to the central log-archive bucket \`${dest.name}\` in account ${dest.ownerAccountId}: its policy gets the trail's statements merged in (existing statements kept)`,
  );
  return dest.name;
}
