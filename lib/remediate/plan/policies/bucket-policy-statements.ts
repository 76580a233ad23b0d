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
 * Sids of the statements every account delivering to a shared (central) bucket shares: one
 * statement per purpose whose accounts, trail names and prefixes accumulate when another account's
 * plan merges it (`mergeStatements` with `accumulate: isAccumulating`), instead of two statements per
 * account. A central bucket of an organization of 1,000 accounts thus stays under S3's 20 KB policy
 * limit (each account adds its 12-digit id once).
 */
export const ACCUMULATING_SIDS = ["TrailwardenCloudTrailAclCheck", "TrailwardenCloudTrailWrite"] as const;

export function isAccumulating(statementSid: string): boolean {
  return (ACCUMULATING_SIDS as readonly string[]).includes(statementSid);
}

const sorted = (values: string[]) => [...new Set(values)].sort();
const oneOrList = (values: string[]) => (values.length === 1 ? values[0]! : values);

function organizationStatement(n: NameContext, delivery: TrailDelivery & { organizationId: string }): PolicyStatement {
  return {
    Sid: sid("TrailwardenCloudTrailOrganizationWrite", delivery.organizationId),
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn(n, delivery.bucket)}/${logsPrefix({ ...delivery, accountId: delivery.organizationId })}`,
    // Exactly AWS's organization-trail bucket policy ("Creating a trail for an organization
    // with the AWS CLI"): scoped to the one trail by aws:SourceArn, whose ARN carries the
    // management (or delegated administrator) account. The trail can only be an organization
    // trail of that account's organization, so an aws:SourceOrgID test adds no protection;
    // AWS's example has none, and a key CloudTrail might not send would stop member delivery.
    Condition: {
      StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": delivery.trailArn },
    },
  };
}

/** AWS's statements for one trail ("Amazon S3 bucket policy for CloudTrail"), scoped to its exact ARN. */
function ownStatements(n: NameContext, delivery: TrailDelivery): PolicyStatement[] {
  const arn = bucketArn(n, delivery.bucket);
  return [
    {
      Sid: sid("TrailwardenCloudTrailAclCheck", delivery.accountId),
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: arn,
      Condition: { StringEquals: { "aws:SourceArn": delivery.trailArn } },
    },
    {
      Sid: sid("TrailwardenCloudTrailWrite", delivery.accountId),
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${arn}/${logsPrefix(delivery)}`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": delivery.trailArn } },
    },
  ];
}

/**
 * The same grants for a bucket many accounts deliver to, one statement per purpose: PutObject under
 * AWSLogs/ with bucket-owner-full-control for trails of the listed accounts (aws:SourceAccount) with
 * the deliveries' trail names (aws:SourceArn as a pattern, any region: the account condition pins the
 * owner; CloudTrail writes only under AWSLogs/<its own account>/). Exact trail ARNs and per-account
 * prefixes would cost about 150 bytes per account, over 20 KB long before 1,000 accounts.
 */
function sharedStatements(n: NameContext, deliveries: TrailDelivery[]): PolicyStatement[] {
  const arn = bucketArn(n, deliveries[0]!.bucket);
  const accounts = sorted(deliveries.map((d) => d.accountId));
  const sourceArns = sorted(
    deliveries.map((d) => `arn:${n.partition}:cloudtrail:*:*:trail/${d.trailArn.split("/").pop() ?? ""}`),
  );
  const writes = sorted(deliveries.map((d) => `${arn}/${logsPrefix(d).replace(/AWSLogs\/[^/]+\/\*$/, "AWSLogs/*")}`));
  return [
    {
      Sid: ACCUMULATING_SIDS[0],
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: arn,
      // Reading the ACL grants nothing to write with: scoped by trail name only, so the accounts
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

/**
 * CloudTrail's delivery statements for the trails that will write to one bucket. A bucket of the
 * account's own (`shared: false`) gets AWS's statements per trail; a bucket other accounts deliver to
 * as well (the central bucket) gets one statement per purpose that accumulates across plans. An
 * organization trail also writes every member's logs under AWSLogs/<organization id>/.
 */
export function cloudTrailDeliveryStatements(
  n: NameContext,
  deliveries: TrailDelivery[],
  options: { shared: boolean },
): PolicyStatement[] {
  if (deliveries.length === 0) return [];
  const organization = deliveries
    .filter((d): d is TrailDelivery & { organizationId: string } => Boolean(d.organizationId))
    .map((d) => organizationStatement(n, d));
  const grants = options.shared ? sharedStatements(n, deliveries) : deliveries.flatMap((d) => ownStatements(n, d));
  return [...organization, ...grants];
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
