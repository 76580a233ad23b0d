// The statements remediation merges into S3 bucket policies: CloudTrail's delivery statements,
// scoped to the one trail with aws:SourceArn (the confused-deputy guard AWS recommends), the
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

export function cloudTrailDeliveryStatements(n: NameContext, delivery: TrailDelivery): PolicyStatement[] {
  const arn = bucketArn(n, delivery.bucket);
  const organization: PolicyStatement[] = delivery.organizationId
    ? [
        {
          Sid: sid("TrailwardenCloudTrailOrganizationWrite", delivery.organizationId),
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${arn}/${logsPrefix({ ...delivery, accountId: delivery.organizationId })}`,
          // Exactly AWS's organization-trail bucket policy ("Creating a trail for an organization
          // with the AWS CLI"): scoped to the one trail by aws:SourceArn, whose ARN carries the
          // management (or delegated administrator) account. The trail can only be an organization
          // trail of that account's organization, so an aws:SourceOrgID test adds no protection;
          // AWS's example has none, and a key CloudTrail might not send would stop member delivery.
          Condition: {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": delivery.trailArn },
          },
        },
      ]
    : [];
  return [
    ...organization,
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
