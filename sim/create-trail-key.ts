// A customer-managed KMS key for CloudTrail log encryption, with rotation and the key policy AWS
// documents for CloudTrail (encrypt for trails of the listed accounts, decrypt for the owner).
import {
  CreateAliasCommand,
  CreateKeyCommand,
  EnableKeyRotationCommand,
  PutKeyPolicyCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";

import { SimulatorError } from "@/sim/simulator-error";

export const TRAIL_KEY_ALIAS = "alias/trailwarden-cloudtrail";

function trailKeyPolicy(ownerAccountId: string, encryptingAccountIds: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "trailwarden-cloudtrail-key",
    Statement: [
      {
        Sid: "EnableRootPermissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ownerAccountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AllowCloudTrailToEncryptLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": encryptingAccountIds.map(
              (id) => `arn:aws:cloudtrail:*:${id}:trail/*`,
            ),
          },
        },
      },
      {
        Sid: "AllowCloudTrailToDescribeKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
      },
    ],
  });
}

/** Creates the key in the client's account and returns its ARN (the form GetTrail reports). */
export async function createTrailKey(
  kms: KMSClient,
  ownerAccountId: string,
  encryptingAccountIds = [ownerAccountId],
): Promise<string> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({
      Description: "CloudTrail log encryption (Trailwarden simulated organization)",
      KeyUsage: "ENCRYPT_DECRYPT",
      Tags: [{ TagKey: "Purpose", TagValue: "cloudtrail" }],
    }),
  );
  if (!KeyMetadata?.KeyId || !KeyMetadata.Arn)
    throw new SimulatorError(`CreateKey in ${ownerAccountId} returned no key`);
  // moto requires the policy name "default" (the only one AWS accepts anyway).
  await kms.send(
    new PutKeyPolicyCommand({
      KeyId: KeyMetadata.KeyId,
      PolicyName: "default",
      Policy: trailKeyPolicy(ownerAccountId, encryptingAccountIds),
    }),
  );
  await kms.send(new EnableKeyRotationCommand({ KeyId: KeyMetadata.KeyId }));
  await kms.send(new CreateAliasCommand({ AliasName: TRAIL_KEY_ALIAS, TargetKeyId: KeyMetadata.KeyId }));
  return KeyMetadata.Arn;
}
