// The roles Trailwarden assumes in every account, named as the deployment template names them, so
// the demo runs with the production defaults (TRAILWARDEN_ROLE_NAME, TRAILWARDEN_REMEDIATION_ROLE_NAME).
// moto enforces neither trust policies nor permissions: the policies here only document intent;
// deploy/ holds the exact ones.
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";

import { DEFAULTS, DELIVERY_ROLE_SUFFIX, renderedPolicy } from "@/deploy/cloudformation/build-templates";
import { MANAGEMENT_ACCOUNT_ID } from "@/sim/aws-env";

export const READ_ONLY_ROLE = "TrailwardenReadOnly";
export const REMEDIATION_ROLE = "TrailwardenRemediation";
export const SIM_EXTERNAL_ID = "trailwarden-demo";

/** As the template's: the remediation role also lets the hub set, and requires, a source identity. */
function trustHub(hubAccountId: string, remediation: boolean): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${hubAccountId}:root` },
        Action: remediation ? ["sts:AssumeRole", "sts:SetSourceIdentity"] : "sts:AssumeRole",
        Condition: {
          StringEquals: { "sts:ExternalId": SIM_EXTERNAL_ID },
          ...(remediation ? { StringLike: { "sts:SourceIdentity": "*" } } : {}),
        },
      },
    ],
  });
}

// The remediation role's actions name no IAM write: like the template's, it passes the shipped
// delivery role and creates none.
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

/** The CloudWatch Logs delivery role the template ships with the remediation role, with its exact policies. */
async function createDeliveryRole(iam: IAMClient, accountId: string): Promise<void> {
  const values = { "AWS::Partition": "aws", "AWS::AccountId": accountId, ResourcePrefix: DEFAULTS.resourcePrefix };
  const name = `${DEFAULTS.resourcePrefix}${DELIVERY_ROLE_SUFFIX}`;
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      Description: "CloudTrail delivers trails to CloudWatch Logs with this role",
      AssumeRolePolicyDocument: JSON.stringify(renderedPolicy("delivery-trust", values)),
      Tags: [{ Key: "ManagedBy", Value: "trailwarden" }],
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: "TrailwardenCloudTrailDelivery",
      PolicyDocument: JSON.stringify(renderedPolicy("delivery", values)),
    }),
  );
}

export async function createAccessRoles(
  iam: IAMClient,
  accountId: string,
  hubAccountId = MANAGEMENT_ACCOUNT_ID,
): Promise<void> {
  for (const role of ROLES) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: role.name,
        Description: role.description,
        AssumeRolePolicyDocument: trustHub(hubAccountId, role.name === REMEDIATION_ROLE),
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
  // The template's own remediation policy too: the strict simulator reads the caller's policies
  // where AWS checks them (CloudTrail's Organizations reads for an organization trail).
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: REMEDIATION_ROLE,
      PolicyName: "trailwarden-template",
      PolicyDocument: JSON.stringify(
        renderedPolicy("remediation", {
          "AWS::Partition": "aws",
          "AWS::AccountId": accountId,
          ResourcePrefix: DEFAULTS.resourcePrefix,
          ReadRoleName: READ_ONLY_ROLE,
          RemediationRoleName: REMEDIATION_ROLE,
        }),
      ),
    }),
  );
  await createDeliveryRole(iam, accountId);
}
