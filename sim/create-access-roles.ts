// The roles Trailwarden assumes in every account, named as the deployment template names them, so
// the demo runs with the production defaults (TRAILWARDEN_ROLE_NAME, TRAILWARDEN_REMEDIATION_ROLE_NAME).
// moto enforces neither trust policies nor permissions: the policies here only document intent;
// deploy/ holds the exact ones.
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";

import { MANAGEMENT_ACCOUNT_ID } from "@/sim/aws-env";

export const READ_ONLY_ROLE = "TrailwardenReadOnly";
export const REMEDIATION_ROLE = "TrailwardenRemediation";
export const SIM_EXTERNAL_ID = "trailwarden-demo";

function trustHub(hubAccountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${hubAccountId}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": SIM_EXTERNAL_ID } },
      },
    ],
  });
}

const ROLES = [
  {
    name: READ_ONLY_ROLE,
    description: "Trailwarden collector: reads CloudTrail posture",
    actions: [
      "cloudtrail:Describe*",
      "cloudtrail:Get*",
      "cloudtrail:List*",
      "s3:GetBucket*",
      "logs:Describe*",
      "cloudwatch:Describe*",
      "sns:List*",
    ],
  },
  {
    name: REMEDIATION_ROLE,
    description: "Trailwarden remediation: fixes the CloudTrail control family",
    actions: ["cloudtrail:*", "s3:*", "kms:*", "logs:*", "cloudwatch:PutMetricAlarm", "sns:*", "iam:PassRole"],
  },
] as const;

export async function createAccessRoles(iam: IAMClient, hubAccountId = MANAGEMENT_ACCOUNT_ID): Promise<void> {
  for (const role of ROLES) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: role.name,
        Description: role.description,
        AssumeRolePolicyDocument: trustHub(hubAccountId),
        Tags: [{ Key: "ManagedBy", Value: "trailwarden" }],
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role.name,
        PolicyName: "trailwarden",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: [...role.actions], Resource: "*" }],
        }),
      }),
    );
  }
}
