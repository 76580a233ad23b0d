// Names and ARNs of everything remediation creates. Deterministic names make every step idempotent
// (an executor that finds the name already there treats the step as done) and let later steps
// refer to earlier resources without waiting for their ARNs.
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import type { CloudWatchControlId } from "@/lib/controls/types";
import type { RemediationSettings } from "@/lib/remediate/remediation-settings";

export type Partition = AccountSnapshotState["partition"];

export interface NameContext {
  partition: Partition;
  prefix: string;
}

export function nameContext(state: AccountSnapshotState, settings: RemediationSettings): NameContext {
  return { partition: state.partition, prefix: settings.namePrefix };
}

export const trailName = (n: NameContext) => `${n.prefix}cloudtrail`;
export const trailArn = (n: NameContext, accountId: string, region: string, name: string) =>
  `arn:${n.partition}:cloudtrail:${region}:${accountId}:trail/${name}`;

export const trailBucketName = (n: NameContext, accountId: string) => `${n.prefix}cloudtrail-${accountId}`;
export const accessLogBucketName = (n: NameContext, accountId: string, region: string) =>
  `${n.prefix}access-logs-${accountId}-${region}`;
export const bucketArn = (n: NameContext, bucket: string) => `arn:${n.partition}:s3:::${bucket}`;

export const keyAliasName = (n: NameContext) => `alias/${n.prefix}cloudtrail`;
export const keyAliasArn = (n: NameContext, accountId: string, region: string) =>
  `arn:${n.partition}:kms:${region}:${accountId}:${keyAliasName(n)}`;

export const logGroupName = (n: NameContext) => `${n.prefix}cloudtrail`;
/** In the form CloudTrail stores it (with the trailing `:*`). */
export const logGroupArn = (n: NameContext, accountId: string, region: string, name: string) =>
  `arn:${n.partition}:logs:${region}:${accountId}:log-group:${name}:*`;

/**
 * The role CloudTrail assumes to deliver to CloudWatch Logs. Remediation never creates it: the
 * member-roles template ships it with the remediation role (deploy/: DELIVERY_ROLE_SUFFIX), and
 * remediation only passes it to CloudTrail.
 */
export const deliveryRoleName = (n: NameContext) => `${n.prefix}cloudtrail-delivery`;
export const roleArn = (n: NameContext, accountId: string, name: string) =>
  `arn:${n.partition}:iam::${accountId}:role/${name}`;

export const alarmTopicName = (n: NameContext) => `${n.prefix}cis-alarms`;
export const topicArn = (n: NameContext, accountId: string, region: string, name: string) =>
  `arn:${n.partition}:sns:${region}:${accountId}:${name}`;

export const cisResourceName = (n: NameContext, controlId: CloudWatchControlId) => `${n.prefix}cis-${controlId}`;
export const alarmArn = (n: NameContext, accountId: string, region: string, name: string) =>
  `arn:${n.partition}:cloudwatch:${region}:${accountId}:alarm:${name}`;

/** FNV-1a, 32 bits: a short, stable fingerprint of a name (no node:crypto: the planner is pure). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * IAM and S3 policy statement ids allow letters and digits only. The first part (our fixed prefix)
 * and parts made of lowercase letters and digits only (an account id) are kept as they read; any
 * other part (a bucket, trail or log group name, an organization id) also gets a fingerprint of its
 * exact text, so names that differ only in punctuation or case (`a-b` and `a.b`) never share a Sid,
 * and a merge by Sid never overwrites another resource's statement.
 */
export function sid(...parts: string[]): string {
  return parts
    .map((part, i) => {
      const words = part
        .replace(/[^A-Za-z0-9]+/g, " ")
        .trim()
        .split(" ")
        .filter(Boolean)
        .map((w) => (/^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
        .join("");
      const plain = i === 0 || /^[a-z0-9]*$/.test(part);
      return plain ? words : `${words}X${fingerprint(part)}`;
    })
    .join("");
}

/** The account and region of an ARN (`arn:aws:service:region:account:...`). */
export function arnParts(arn: string): { service: string; region: string; accountId: string } {
  const [, , service = "", region = "", accountId = ""] = arn.split(":");
  return { service, region, accountId };
}

/** Tags on every resource Trailwarden creates, so people can tell where it came from. */
export const MANAGED_BY_TAG = { key: "ManagedBy", value: "trailwarden" } as const;
