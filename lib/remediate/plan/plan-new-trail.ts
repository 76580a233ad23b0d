// The trail the plan creates when the account has none it can reuse: multi-region with global
// service events, log file validation, its own KMS key, CloudWatch Logs delivery, the default
// read+write management selector written explicitly (no data events), logging started, and the
// required tags whose values are configured.
import type { EvaluationContext } from "@/lib/controls/evaluation-context";
import type { PrimaryChoice } from "@/lib/remediate/plan/choose-primary-trail";
import { planNewTrailBucket } from "@/lib/remediate/plan/plan-bucket-fixes";
import { defaultManagementSelectors } from "@/lib/remediate/plan/plan-event-selectors";
import {
  accountRegionKey,
  needKey,
  type PlanInputs,
  type PlanNeeds,
  type TrailNeed,
} from "@/lib/remediate/plan/plan-needs";
import { deliveryRoleName, keyAliasArn, logGroupArn, logGroupName, roleArn } from "@/lib/remediate/plan/resource-names";

const CREATED_CONTROLS = ["CloudTrail.1", "CloudTrail.2", "CloudTrail.3", "CloudTrail.4", "CloudTrail.5"];

export function planNewTrail(
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
  choice: Extract<PrimaryChoice, { kind: "create-trail" }>,
  /** Set by the organization fix: the trail is created as the organization trail of this organization. */
  organizationId?: string,
): TrailNeed {
  const n = inputs.names;
  const owner = inputs.accountId;
  const region = choice.region;
  const why = `${choice.summary} (CloudTrail.1)`;
  const bucket = planNewTrailBucket(
    ctx,
    needs,
    inputs,
    { accountId: owner, trailArn: choice.arn, ...(organizationId ? { organizationId } : {}) },
    region,
  );
  // The key lives where the bucket does (the central bucket may be in another region or account).
  const destination = needs.buckets.get(bucket);
  const keyRegion = destination?.region ?? region;
  needKey(needs, owner, keyRegion, { trailArn: choice.arn, readerAccountId: destination?.accountId }, "CloudTrail.2");

  const groupName = logGroupName(n);
  const delivery = {
    accountId: owner,
    region,
    groupName,
    groupArn: logGroupArn(n, owner, region, groupName),
    roleArn: roleArn(n, owner, deliveryRoleName(n)),
    controls: new Set(["CloudTrail.5"]),
  };
  needs.logDelivery.set(accountRegionKey(owner, region), delivery);

  const need: TrailNeed = {
    name: choice.name,
    arn: choice.arn,
    ownerAccountId: owner,
    homeRegion: region,
    current: null,
    bucket,
    keyRegion,
    set: new Map(),
    selectors: {
      params: defaultManagementSelectors(),
      changes: [
        { attribute: "EventSelectors", from: null, to: "ReadWriteType All, management events, no data events" },
      ],
      why: "a new trail logs all read and write management events (set explicitly: not every endpoint applies AWS's default)",
    },
    startLogging: { why: "a new trail does not log until StartLogging (CloudTrail.3)" },
    addTags: {},
    tagControls: [],
    controls: new Set(CREATED_CONTROLS),
    ...(organizationId ? { organization: true } : {}),
  };
  const entries: [string, unknown, string][] = [
    ["IsMultiRegionTrail", true, "CloudTrail.1"],
    ["IncludeGlobalServiceEvents", true, "CloudTrail.1"],
    ["EnableLogFileValidation", true, "CloudTrail.4"],
    ["KmsKeyId", keyAliasArn(n, owner, keyRegion), "CloudTrail.2"],
    ["CloudWatchLogsLogGroupArn", delivery.groupArn, "CloudTrail.5"],
    ["CloudWatchLogsRoleArn", delivery.roleArn, "CloudTrail.5"],
  ];
  for (const [attribute, to, control] of entries) {
    need.set.set(attribute, { from: null, to: to as string | boolean, controls: [control], why });
  }
  const required = inputs.settings.requiredTagKeys;
  for (const key of required) {
    const value = inputs.settings.tagValues[key];
    if (value !== undefined) need.addTags[key] = value;
  }
  const unknown = required.filter((k) => inputs.settings.tagValues[k] === undefined);
  if (unknown.length > 0) {
    needs.notes.push({
      code: "tag-value-unknown",
      message: `the new trail cannot carry required tag keys ${unknown.join(", ")}: no value is configured for them`,
      controls: ["CloudTrail.9"],
    });
  }
  if (required.length > 0) need.controls.add("CloudTrail.9");
  // The created trail must come first: the other trail needs refer to existing trails.
  const rest = [...needs.trails];
  needs.trails.clear();
  needs.trails.set(need.arn, need);
  for (const [k, v] of rest) needs.trails.set(k, v);
  return need;
}
