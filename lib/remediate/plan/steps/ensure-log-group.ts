// Steps for CloudWatch Logs delivery (CloudTrail.5): the log group with retention in each account
// and region that needs one, and per account the role CloudTrail assumes to write there (its
// permissions merged by Sid, one statement per log group).
import type { LogDeliveryNeed, PlanInputs } from "@/lib/remediate/plan/plan-needs";
import { deliveryTrustPolicy, logDeliveryStatement } from "@/lib/remediate/plan/policies/delivery-role-policies";
import { policyDocument, statementSids } from "@/lib/remediate/plan/policies/policy-document";
import { deliveryRoleName, deliveryRolePolicyName, MANAGED_BY_TAG, roleArn } from "@/lib/remediate/plan/resource-names";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

/** IAM is global: its calls go to the partition's home region. */
export function iamRegion(partition: string): string {
  return partition === "aws-us-gov" ? "us-gov-west-1" : partition === "aws-cn" ? "cn-north-1" : "us-east-1";
}

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

/** One delivery role per account, allowed to write into every log group the plan uses there. */
export function emitDeliveryRole(
  list: StepList,
  inputs: PlanInputs,
  accountId: string,
  groups: LogDeliveryNeed[],
  arn: string,
): void {
  const n = inputs.names;
  const name = arn.split("/").pop() ?? deliveryRoleName(n);
  const own = arn === roleArn(n, accountId, deliveryRoleName(n));
  const controls = new Set(groups.flatMap((g) => [...g.controls]));
  const base = { service: "iam" as const, region: iamRegion(n.partition), targetAccountId: accountId, controls };
  const trust = deliveryTrustPolicy(accountId);
  if (own)
    list.add(
      makeStep({
        ...base,
        title: `Ensure role ${name}`,
        why: "CloudTrail assumes this role to deliver events to CloudWatch Logs (CloudTrail.5)",
        operation: "CreateRole",
        resource: arn,
        action: "create",
        changes: [
          { attribute: "AssumeRolePolicyDocument", from: null, to: "cloudtrail.amazonaws.com, this account only" },
        ],
        params: {
          RoleName: name,
          Description: "Lets CloudTrail deliver trails to CloudWatch Logs (created by Trailwarden)",
          AssumeRolePolicyDocument: JSON.stringify(trust),
          Tags: [{ Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value }],
        },
      }),
    );
  const doc = policyDocument(groups.map((g) => logDeliveryStatement(n, accountId, g.region, g.groupName)));
  list.add(
    makeStep({
      ...base,
      title: `Delivery permissions of ${name}`,
      why: "logs:CreateLogStream and logs:PutLogEvents on the trail's log group, nothing else",
      operation: "PutRolePolicy",
      resource: arn,
      action: "merge",
      changes: [
        {
          attribute: `Inline policy ${deliveryRolePolicyName(n)} statements (merged by Sid)`,
          from: null,
          to: statementSids(doc),
        },
      ],
      params: { RoleName: name, PolicyName: deliveryRolePolicyName(n), PolicyDocument: JSON.stringify(doc) },
    }),
  );
}
