// The statements remediation merges into S3 bucket policies: CloudTrail's delivery statements,
// scoped with aws:SourceAccount and aws:SourceArn (the confused-deputy guards AWS recommends), the
// TLS-only deny, and the S3 logging service's permission on an access-log bucket.
import type { PolicyStatement } from "@/lib/remediate/plan/policies/policy-document";
import { bucketArn, sid, type NameContext } from "@/lib/remediate/plan/resource-names";

export interface TrailDelivery {
  bucket: string;
  /** The account whose logs the trail writes (AWSLogs/<account>/). */
  accountId: string;
  trailArn: string;
  keyPrefix?: string;
  /** An organization trail also writes every member's logs under AWSLogs/<organization id>/. */
  organizationId?: string;
}

function logsPrefix(delivery: TrailDelivery): string {
  const prefix = delivery.keyPrefix ? `${delivery.keyPrefix.replace(/\/+$/, "")}/` : "";
  return `${prefix}AWSLogs/${delivery.accountId}/*`;
}

/**
 * Sids of the statements every delivering account shares: one statement per purpose whose accounts,
 * trail names and prefixes accumulate when another account's plan merges it (`mergeStatements` with
 * `accumulate: isAccumulating`), instead of two statements per account. A central bucket of an
 * organization of 1,000 accounts thus stays under S3's 20 KB policy limit (each account adds its
 * 12-digit id once).
 */
export const ACCUMULATING_SIDS = ["TrailwardenCloudTrailAclCheck", "TrailwardenCloudTrailWrite"] as const;

export function isAccumulating(statementSid: string): boolean {
  return (ACCUMULATING_SIDS as readonly string[]).includes(statementSid);
}

const sorted = (values: string[]) => [...new Set(values)].sort();
const oneOrList = (values: string[]) => (values.length === 1 ? values[0]! : values);

/**
 * CloudTrail's delivery statements ("Amazon S3 bucket policy for CloudTrail"): GetBucketAcl on the
 * bucket, and PutObject under AWSLogs/ with bucket-owner-full-control, for trails of the listed
 * accounts (aws:SourceAccount) with the deliveries' trail names (aws:SourceArn, any region: the
 * account condition already pins the owner). CloudTrail writes only under AWSLogs/<its own
 * account>/. An organization trail also writes every member's logs under AWSLogs/<organization id>/,
 * in its own statement scoped to that trail.
 */
export function cloudTrailDeliveryStatements(n: NameContext, deliveries: TrailDelivery[]): PolicyStatement[] {
  if (deliveries.length === 0) return [];
  const arn = bucketArn(n, deliveries[0]!.bucket);
  const accounts = sorted(deliveries.map((d) => d.accountId));
  const sourceArns = sorted(
    deliveries.map((d) => `arn:${n.partition}:cloudtrail:*:*:trail/${d.trailArn.split("/").pop() ?? ""}`),
  );
  const writes = sorted(deliveries.map((d) => `${arn}/${logsPrefix(d).replace(/AWSLogs\/[^/]+\/\*$/, "AWSLogs/*")}`));
  const organization: PolicyStatement[] = deliveries
    .filter((d) => d.organizationId)
    .map((d) => ({
      Sid: sid("TrailwardenCloudTrailOrganizationWrite", d.organizationId!),
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${arn}/${logsPrefix({ ...d, accountId: d.organizationId! })}`,
      // Exactly AWS's organization-trail bucket policy ("Creating a trail for an organization
      // with the AWS CLI"): scoped to the one trail by aws:SourceArn, whose ARN carries the
      // management (or delegated administrator) account. The trail can only be an organization
      // trail of that account's organization, so an aws:SourceOrgID test adds no protection;
      // AWS's example has none, and a key CloudTrail might not send would stop member delivery.
      Condition: {
        StringEquals: {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SourceArn": d.trailArn,
        },
      },
    }));
  return [
    ...organization,
    {
      Sid: ACCUMULATING_SIDS[0],
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: arn,
      // Reading the ACL reveals nothing to write with: scoped by trail name only, so the accounts
      // are listed once in the policy (AWS's example scopes it with aws:SourceArn alone).
      Condition: { ArnLike: { "aws:SourceArn": oneOrList(sourceArns) } },
    },
    {
      Sid: ACCUMULATING_SIDS[1],
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: oneOrList(writes),
      Condition: {
        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": oneOrList(accounts) },
        ArnLike: { "aws:SourceArn": oneOrList(sourceArns) },
      },
    },
  ];
}

export function denyInsecureTransportStatement(n: NameContext, bucket: string): PolicyStatement {
  const arn = bucketArn(n, bucket);
  return {
    Sid: "TrailwardenDenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Lets the S3 logging service write `source`'s server access logs into `target`. */
export function accessLogDeliveryStatement(
  n: NameContext,
  target: string,
  source: string,
  sourceAccountId: string,
): PolicyStatement {
  return {
    Sid: sid("TrailwardenAccessLogs", source),
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn(n, target)}/${source}/*`,
    Condition: {
      StringEquals: { "aws:SourceAccount": sourceAccountId },
      ArnLike: { "aws:SourceArn": bucketArn(n, source) },
    },
  };
}
