// The key policy of the CloudTrail key remediation creates: the account administers it (as AWS's
// default key policy does, so it can never be locked out), CloudTrail may encrypt only for the
// named trails (condition on kms:EncryptionContext:aws:cloudtrail:arn and aws:SourceArn), and
// principals of the account may decrypt the log files. When the key already exists (found by its
// alias), only the CloudTrail statements are merged into its policy; the administration statement
// is written on creation only.
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

export function trailEncryptStatement(trailArn: string): PolicyStatement {
  const name = trailArn.split("/").pop() ?? trailArn;
  const account = trailArn.split(":")[4] ?? "";
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

/** CloudTrail Lake event data stores (CloudTrail.10) use the key through the CloudTrail service. */
export function eventDataStoreStatement(storeArn: string): PolicyStatement {
  const id = storeArn.split("/").pop() ?? storeArn;
  return {
    Sid: sid("TrailwardenCloudTrailLake", id),
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceArn": storeArn } },
  };
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

export function decryptLogsStatement(n: NameContext, accountId: string): PolicyStatement {
  return {
    Sid: sid("TrailwardenDecryptLogs", accountId),
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
    Resource: "*",
    Condition: {
      StringEquals: { "kms:CallerAccount": accountId },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${n.partition}:cloudtrail:*:${accountId}:trail/*`,
      },
    },
  };
}

export function cloudTrailKeyPolicy(
  n: NameContext,
  accountId: string,
  trailArns: string[],
  storeArns: string[],
): PolicyDocument {
  return policyDocument(
    [
      keyAdministrationStatement(n, accountId),
      ...trailArns.map(trailEncryptStatement),
      ...storeArns.map(eventDataStoreStatement),
      describeKeyStatement(),
      decryptLogsStatement(n, accountId),
    ],
    `${n.prefix}cloudtrail-key`,
  );
}
