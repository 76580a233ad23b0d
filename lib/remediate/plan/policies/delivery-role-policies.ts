// The role CloudTrail assumes to deliver a trail to CloudWatch Logs: trusted by the CloudTrail
// service for trails of this account only, allowed to create streams and put events in the log
// groups remediation set up (one statement per group, merged by Sid).
import {
  policyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from "@/lib/remediate/plan/policies/policy-document";
import { sid, type NameContext } from "@/lib/remediate/plan/resource-names";

export function deliveryTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "TrailwardenCloudTrailAssume",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

export function logDeliveryStatement(
  n: NameContext,
  accountId: string,
  region: string,
  groupName: string,
): PolicyStatement {
  return {
    Sid: sid("TrailwardenDeliver", region, groupName),
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `arn:${n.partition}:logs:${region}:${accountId}:log-group:${groupName}:log-stream:*`,
  };
}
