// Trail buckets and their access-log buckets, hardened the way the remediation end state wants
// them (public access blocked, versioning, encryption, TLS-only, retention) unless told otherwise.
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

import { accessLogBucketPolicy, type PolicyDocument } from "@/sim/bucket-policies";
import type { SimBucket } from "@/sim/manifest";

export function trailBucketName(accountId: string): string {
  return `trailwarden-cloudtrail-${accountId}`;
}
export function centralBucketName(logArchiveAccountId: string): string {
  return `trailwarden-org-cloudtrail-${logArchiveAccountId}`;
}
export function accessLogBucketName(accountId: string): string {
  return `trailwarden-access-logs-${accountId}`;
}

async function hardenBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
}

/** The bucket that receives server access logs of the account's other buckets (same account and region, as S3 requires). */
export async function createAccessLogBucket(s3: S3Client, accountId: string): Promise<string> {
  const bucket = accessLogBucketName(accountId);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await hardenBucket(s3, bucket);
  // moto reads the logging-service statement before the TLS-only one; the policy keeps that order.
  await s3.send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(accessLogBucketPolicy(bucket, accountId)) }),
  );
  return bucket;
}

export interface TrailBucketOptions {
  name: string;
  ownerAccountId: string;
  policy: PolicyDocument;
  /** Where server access logs go; null leaves access logging off (fails CloudTrail.7). */
  accessLogBucket: string | null;
  tags?: Record<string, string>;
}

export async function createTrailBucket(s3: S3Client, opts: TrailBucketOptions): Promise<SimBucket> {
  const bucket = opts.name;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await hardenBucket(s3, bucket);
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(opts.policy) }));
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: {
        // Thirteen months and a bit: the coverage history auditors ask for.
        Rules: [
          { ID: "retain-400-days", Status: "Enabled", Filter: { Prefix: "AWSLogs/" }, Expiration: { Days: 400 } },
        ],
      },
    }),
  );
  if (opts.accessLogBucket) {
    await s3.send(
      new PutBucketLoggingCommand({
        Bucket: bucket,
        BucketLoggingStatus: { LoggingEnabled: { TargetBucket: opts.accessLogBucket, TargetPrefix: `${bucket}/` } },
      }),
    );
  }
  if (opts.tags) {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket,
        Tagging: { TagSet: Object.entries(opts.tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  }
  return {
    name: bucket,
    ownerAccountId: opts.ownerAccountId,
    accessLogging: opts.accessLogBucket !== null,
    publicAccessBlock: true,
    versioning: true,
  };
}
