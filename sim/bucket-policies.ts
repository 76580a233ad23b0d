// Bucket policies as AWS documents them for CloudTrail delivery and server access logging.
// Kept realistic because the remediation planner merges into existing policies, never replaces them.

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Record<string, unknown>[];
}

function denyInsecureTransport(bucket: string): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * CloudTrail may write under AWSLogs/<account>/ for the given accounts (and the org prefix).
 * With no account ids and an organization id, any prefix is allowed to the organization's trails
 * (a per-account list of thousands would exceed the 20 KB bucket policy limit).
 */
export function cloudTrailBucketPolicy(
  bucket: string,
  opts: { accountIds: string[]; organizationId?: string },
): PolicyDocument {
  const prefixes = opts.accountIds.length
    ? [...opts.accountIds, ...(opts.organizationId ? [opts.organizationId] : [])]
    : ["*"];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: `arn:aws:s3:::${bucket}`,
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: prefixes.map((p) =>
          p === "*" ? `arn:aws:s3:::${bucket}/AWSLogs/*` : `arn:aws:s3:::${bucket}/AWSLogs/${p}/*`,
        ),
        Condition: {
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            ...(opts.organizationId
              ? { "aws:SourceOrgID": opts.organizationId }
              : { "aws:SourceAccount": opts.accountIds }),
          },
        },
      },
      denyInsecureTransport(bucket),
    ],
  };
}

/** The S3 logging service may write server access logs into `bucket` for buckets of `accountId`. */
export function accessLogBucketPolicy(bucket: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "S3ServerAccessLogsPolicy",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
      denyInsecureTransport(bucket),
    ],
  };
}
