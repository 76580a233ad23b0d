// The key policy of the CloudTrail key remediation creates, as "Configure AWS KMS key policies for
// CloudTrail" describes it: the account administers it (as AWS's default key policy does, so it can
// never be locked out); the remediation role manages it, named here and never authorized by tags (a
// key policy authorizes at once, a tag change takes up to five minutes, and an IAM grant by tag would
// let the role tag customers' keys into its reach); CloudTrail encrypts only for the named trails
// (kms:EncryptionContext:aws:cloudtrail:arn and aws:SourceArn) and decrypts for them (S3 Bucket
// Keys); Lake event data stores use it; principals of the account, and of the trails' bucket-owner
// accounts, decrypt the log files. When the key already exists (found by its alias), the statements
// are merged into its policy; the administration statement is written on creation only.
import {
  policyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from "@/lib/remediate/plan/policies/policy-document";
import { sid, type NameContext } from "@/lib/remediate/plan/resource-names";

export const KEY_ADMIN_SID = "TrailwardenKeyAdministration";

export function keyAdministrationStatement(n: NameContext, accountId: string): PolicyStatement {
  return {
    Sid: KEY_ADMIN_SID,
    Effect: "Allow",
    Principal: { AWS: `arn:${n.partition}:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

const trailParts = (trailArn: string) => ({
  name: trailArn.split("/").pop() ?? trailArn,
  account: trailArn.split(":")[4] ?? "",
});

export function trailEncryptStatement(trailArn: string): PolicyStatement {
  const { name, account } = trailParts(trailArn);
  return {
    Sid: sid("TrailwardenCloudTrailEncrypt", account, name),
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:GenerateDataKey*",
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceArn": trailArn },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn },
    },
  };
}

/**
 * CloudTrail needs kms:Decrypt to create or update an SSE-KMS trail whose bucket uses an S3 Bucket
 * Key. The snapshot does not record bucket encryption, so the statement is always written: only the
 * CloudTrail service, acting for this trail, may decrypt; it gives no reader anything.
 */
export function trailDecryptStatement(trailArn: string): PolicyStatement {
  const { name, account } = trailParts(trailArn);
  return {
    Sid: sid("TrailwardenCloudTrailDecrypt", account, name),
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:Decrypt",
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceArn": trailArn } },
  };
}

/**
 * CloudTrail Lake event data stores (CloudTrail.10): CloudTrail encrypts and decrypts the store.
 * AWS's statement for event data stores carries no aws:SourceArn/aws:SourceAccount condition (they
 * are not supported there), so one statement serves every store of the account.
 */
export function eventDataStoreStatement(): PolicyStatement {
  return {
    Sid: "TrailwardenCloudTrailLake",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
    Resource: "*",
  };
}

/** The calls the remediation role makes on the key it creates: authorized here, not by its IAM policy or tags. */
export const REMEDIATION_KEY_ACTIONS = [
  "kms:CreateAlias",
  "kms:DescribeKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:TagResource",
] as const;

/** What CloudTrail Lake asks of the caller that encrypts a store (UpdateEventDataStore with KmsKeyId). */
export const REMEDIATION_LAKE_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

export const REMEDIATION_MANAGES_KEY_SID = "TrailwardenRemediationManagesKey";

/**
 * The remediation role manages the key it creates through the key policy written at CreateKey. It
 * never gets kms:Decrypt or kms:GenerateDataKey for itself: only when the plan encrypts a Lake event
 * data store may it use the key, and only through CloudTrail (kms:ViaService), which
 * UpdateEventDataStore requires of the caller.
 */
export function remediationRoleStatements(
  n: NameContext,
  accountId: string,
  region: string,
  roleName: string,
  lake: boolean,
): PolicyStatement[] {
  const principal = { AWS: `arn:${n.partition}:iam::${accountId}:role/${roleName}` };
  const manage: PolicyStatement = {
    Sid: REMEDIATION_MANAGES_KEY_SID,
    Effect: "Allow",
    Principal: principal,
    Action: [...REMEDIATION_KEY_ACTIONS],
    Resource: "*",
  };
  if (!lake) return [manage];
  return [
    manage,
    {
      Sid: "TrailwardenRemediationEncryptsLakeStores",
      Effect: "Allow",
      Principal: principal,
      Action: [...REMEDIATION_LAKE_ACTIONS],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `cloudtrail.${region}.amazonaws.com` } },
    },
  ];
}

export function describeKeyStatement(): PolicyStatement {
  return {
    Sid: "TrailwardenCloudTrailDescribeKey",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:DescribeKey",
    Resource: "*",
  };
}

/**
 * Principals of `readerAccountId` decrypt the log files trails of `trailAccountId` wrote ("Enable
 * log file decryption"; for another account, "Enable cross account log decryption" in "Default
 * KMS key policy created in CloudTrail console"): the key's own account, and the bucket owner's
 * account for organization trails and central buckets.
 */
export function decryptLogsStatement(n: NameContext, readerAccountId: string, trailAccountId = readerAccountId) {
  const statement: PolicyStatement = {
    Sid:
      readerAccountId === trailAccountId
        ? sid("TrailwardenDecryptLogs", readerAccountId)
        : sid("TrailwardenDecryptLogsIn", readerAccountId, trailAccountId),
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
    Resource: "*",
    Condition: {
      StringEquals: { "kms:CallerAccount": readerAccountId },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${n.partition}:cloudtrail:*:${trailAccountId}:trail/*`,
      },
    },
  };
  return statement;
}

export interface KeyPolicyInputs {
  accountId: string;
  region: string;
  trailArns: string[];
  storeArns: string[];
  /** Accounts other than the key's whose principals read the logs (the trails' bucket owners). */
  readerAccountIds: string[];
  /** TRAILWARDEN_REMEDIATION_ROLE_NAME: the role that creates and then manages the key. */
  remediationRoleName: string;
}

export function cloudTrailKeyPolicy(n: NameContext, k: KeyPolicyInputs): PolicyDocument {
  return policyDocument(
    [
      keyAdministrationStatement(n, k.accountId),
      ...remediationRoleStatements(n, k.accountId, k.region, k.remediationRoleName, k.storeArns.length > 0),
      ...k.trailArns.map(trailEncryptStatement),
      ...k.trailArns.map(trailDecryptStatement),
      ...(k.storeArns.length > 0 ? [eventDataStoreStatement()] : []),
      describeKeyStatement(),
      decryptLogsStatement(n, k.accountId),
      ...k.readerAccountIds.filter((r) => r !== k.accountId).map((r) => decryptLogsStatement(n, r, k.accountId)),
    ],
    `${n.prefix}cloudtrail-key`,
  );
}
