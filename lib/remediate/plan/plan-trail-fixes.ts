// Decides what each trail needs: the per-trail controls (CloudTrail.2 KMS, .4 validation, .5
// CloudWatch Logs, .9 tags) for every applicable trail, the organization trail included (fixed in
// the management account), and for the primary trail also multi-region, global service events,
// logging and read+write management events (CloudTrail.1/.3). Only missing settings are set: a
// trail's existing key, log group or bucket is never replaced.
import type { TrailState } from "@/lib/collect/snapshot-types";
import { loggingOf, managementOf, type EvaluationContext, type TrailFacts } from "@/lib/controls/evaluation-context";
import type { PrimaryChoice } from "@/lib/remediate/plan/choose-primary-trail";
import { planManagementSelectors } from "@/lib/remediate/plan/plan-event-selectors";
import {
  accountRegionKey,
  needKey,
  type PlanInputs,
  type PlanNeeds,
  type TrailNeed,
} from "@/lib/remediate/plan/plan-needs";
import type { JsonValue } from "@/lib/remediate/plan/plan-types";
import { deliveryRoleName, keyAliasArn, logGroupArn, logGroupName, roleArn } from "@/lib/remediate/plan/resource-names";

/** `name` of `arn:…:log-group:name:*` (empty when there is none). */
function logGroupNameOf(arn: string | null | undefined): string {
  return arn?.split(":log-group:")[1]?.replace(/:\*$/, "") ?? "";
}

export function trailNeedFor(needs: PlanNeeds, trail: TrailState): TrailNeed {
  let need = needs.trails.get(trail.arn);
  if (!need) {
    need = {
      name: trail.name,
      arn: trail.arn,
      ownerAccountId: trail.ownerAccountId,
      homeRegion: trail.homeRegion,
      current: trail,
      set: new Map(),
      addTags: {},
      tagControls: [],
      controls: new Set(),
    };
    needs.trails.set(trail.arn, need);
  }
  return need;
}

function set(need: TrailNeed, attribute: string, from: JsonValue, to: JsonValue, control: string, why: string): void {
  const known = need.set.get(attribute);
  if (known) {
    if (!known.controls.includes(control)) known.controls.push(control);
    return;
  }
  need.set.set(attribute, { from, to, controls: [control], why });
  need.controls.add(control);
}

/**
 * Log group and role for a trail without CloudWatch Logs: the shipped delivery role (the only role
 * remediation may pass) with another trail's log group it can write into, or the plan's own group.
 * A role the trail already names is not reused: remediation can neither pass nor edit it.
 */
function deliveryFor(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  owner: string,
  region: string,
): { group: string; role: string } {
  const n = inputs.names;
  const ours = roleArn(n, owner, deliveryRoleName(n));
  const sibling = ctx.state.trails.find(
    (t) =>
      t.ownerAccountId === owner &&
      t.homeRegion === region &&
      t.cloudWatchLogsRoleArn === ours &&
      logGroupNameOf(t.cloudWatchLogsLogGroupArn).startsWith(n.prefix),
  );
  if (sibling?.cloudWatchLogsLogGroupArn) return { group: sibling.cloudWatchLogsLogGroupArn, role: ours };
  const groupName = logGroupName(n);
  const key = accountRegionKey(owner, region);
  const need = needs.logDelivery.get(key) ?? {
    accountId: owner,
    region,
    groupName,
    groupArn: logGroupArn(n, owner, region, groupName),
    roleArn: ours,
    controls: new Set<string>(),
  };
  need.controls.add("CloudTrail.5");
  needs.logDelivery.set(key, need);
  return { group: need.groupArn, role: need.roleArn };
}

/** CloudTrail.2, .4, .5 and .9 for one applicable trail (owned, or the organization trail). */
export function planPerTrailFixes(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  facts: TrailFacts,
): void {
  const { trail, label } = facts;
  if (!trail.kmsKeyId) planTrailKey(ctx, needs, inputs, trail, label);
  if (!trail.logFileValidationEnabled) {
    set(
      trailNeedFor(needs, trail),
      "EnableLogFileValidation",
      false,
      true,
      "CloudTrail.4",
      `${label} has log file validation disabled (CloudTrail.4)`,
    );
  }
  if (!trail.cloudWatchLogsLogGroupArn) {
    const need = trailNeedFor(needs, trail);
    const delivery = deliveryFor(ctx, needs, inputs, trail.ownerAccountId, trail.homeRegion);
    const why = `${label} does not deliver to CloudWatch Logs (CloudTrail.5)`;
    set(need, "CloudWatchLogsLogGroupArn", null, delivery.group, "CloudTrail.5", why);
    // UpdateTrail takes the group and the role together.
    set(need, "CloudWatchLogsRoleArn", trail.cloudWatchLogsRoleArn ?? null, delivery.role, "CloudTrail.5", why);
  }
  planTags(needs, inputs, trail, label);
}

/**
 * CloudTrail.2: the trail's key is created in its bucket's region ("Encrypting CloudTrail log files
 * with AWS KMS keys": the key and the bucket must be in the same region), in the trail owner's
 * account; readers in the bucket owner's account may decrypt. No known bucket region, no key: the
 * plan stops rather than create a key CloudTrail would refuse.
 */
function planTrailKey(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  trail: TrailState,
  label: string,
): void {
  const bucketName = trail.s3BucketName;
  const bucket = bucketName ? (ctx.state.buckets[bucketName] ?? inputs.knownBuckets[bucketName]) : undefined;
  const region = bucket?.region;
  if (!region) {
    needs.blockers.push({
      code: "bucket-region-unknown",
      message:
        `${label} needs a KMS key in the region of its bucket \`${bucketName ?? "(none)"}\` (AWS requires the key ` +
        `and the bucket in one region), and that region is unknown: the bucket was not collected or could not be ` +
        `read. Re-collect the bucket owner's account, or set the trail's key by hand`,
      controls: ["CloudTrail.2"],
    });
    return;
  }
  const need = trailNeedFor(needs, trail);
  needKey(
    needs,
    trail.ownerAccountId,
    region,
    { trailArn: trail.arn, readerAccountId: bucket.ownerAccountId },
    "CloudTrail.2",
  );
  need.keyRegion = region;
  set(
    need,
    "KmsKeyId",
    null,
    keyAliasArn(inputs.names, trail.ownerAccountId, region),
    "CloudTrail.2",
    `${label} has no KMS key (CloudTrail.2)`,
  );
}

function planTags(needs: PlanNeeds, inputs: PlanInputs, trail: TrailState, label: string): void {
  const required = inputs.settings.requiredTagKeys;
  if (required.length === 0 || trail.tags === null) return;
  const missing = required.filter((k) => !Object.prototype.hasOwnProperty.call(trail.tags, k));
  if (missing.length === 0) return;
  const known = missing.filter((k) => inputs.settings.tagValues[k] !== undefined);
  const unknown = missing.filter((k) => inputs.settings.tagValues[k] === undefined);
  if (known.length > 0) {
    const need = trailNeedFor(needs, trail);
    for (const k of known) need.addTags[k] = inputs.settings.tagValues[k]!;
    need.tagControls = ["CloudTrail.9"];
  }
  if (unknown.length > 0) {
    needs.notes.push({
      code: "tag-value-unknown",
      message: `${label} lacks required tag keys ${unknown.join(", ")} and no value is configured for them (settings: remediation tag values); add them by hand`,
      controls: ["CloudTrail.9"],
    });
  }
}

/** CloudTrail.1/.3 on the primary trail: multi-region, global events, logging, management events. */
export function planPrimaryTrailFixes(needs: PlanNeeds, choice: Extract<PrimaryChoice, { facts: TrailFacts }>): void {
  const facts = choice.facts;
  const { trail, label } = facts;
  const need = trailNeedFor(needs, trail);
  if (!trail.isMultiRegionTrail) {
    set(
      need,
      "IsMultiRegionTrail",
      false,
      true,
      "CloudTrail.1",
      `${label} is single-region; CloudTrail.1 needs a multi-region trail`,
    );
  }
  if (!trail.includeGlobalServiceEvents) {
    set(
      need,
      "IncludeGlobalServiceEvents",
      false,
      true,
      "CloudTrail.1",
      `${label} does not record global service events (IAM, STS, CloudFront)`,
    );
  }
  if (loggingOf(facts) !== true) {
    const state = trail.status === null ? "its logging status could not be read" : "it is not logging";
    need.startLogging = { why: `${label}: ${state} (CloudTrail.1, CloudTrail.3)` };
    need.controls.add("CloudTrail.3");
  }
  if (managementOf(facts) !== true) {
    const planned = planManagementSelectors(trail.eventSelectors);
    if (!planned.ok) {
      needs.blockers.push({
        code: "selectors-unsafe",
        message: `${label}: ${planned.reason}`,
        controls: ["CloudTrail.1"],
      });
    } else {
      need.selectors = {
        params: planned.params,
        changes: planned.changes,
        why: `${label} ${facts.management.summary} (CloudTrail.1)`,
      };
      need.controls.add("CloudTrail.1");
    }
  }
}
