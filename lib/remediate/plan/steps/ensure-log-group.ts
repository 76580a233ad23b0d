// Steps for CloudWatch Logs delivery (CloudTrail.5): the log group with retention in each account
// and region that needs one. The role CloudTrail assumes to write there is not created here: the
// member-roles template ships it (`${prefix}cloudtrail-delivery`, allowed on `${prefix}*` log
// groups), so remediation needs no IAM write; the trail steps pass it to CloudTrail.
import type { LogDeliveryNeed, PlanInputs } from "@/lib/remediate/plan/plan-needs";
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

export function emitLogGroup(list: StepList, inputs: PlanInputs, need: LogDeliveryNeed): void {
  const base = {
    service: "logs" as const,
    region: need.region,
    targetAccountId: need.accountId,
    controls: need.controls,
  };
  const days = inputs.settings.logRetentionDays;
  list.add(
    makeStep({
      ...base,
      title: `Ensure log group ${need.groupName}`,
      why: "CloudTrail delivers events to this log group, where the CIS metric filters watch them (CloudTrail.5)",
      operation: "CreateLogGroup",
      resource: need.groupArn,
      action: "create",
      changes: [{ attribute: "logGroupName", from: null, to: need.groupName }],
      params: { logGroupName: need.groupName, tags: { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value } },
    }),
  );
  list.add(
    makeStep({
      ...base,
      title: `Retention of ${need.groupName}: ${days} days (only if none is set)`,
      why: "keeps the log group from growing forever; an existing retention is never shortened",
      operation: "PutRetentionPolicy",
      resource: need.groupArn,
      action: "update",
      changes: [{ attribute: "retentionInDays", from: null, to: days }],
      params: { logGroupName: need.groupName, retentionInDays: days },
    }),
  );
}
