// Builds delivered records in the simulated AWS for the evidence tests: a bucket in some account
// (through an assumed role, as moto keeps buckets per account), the record written there by the
// simulator's writer, and a snapshot in the database that names the trail and its bucket.
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AccountSnapshotState, TrailState } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";

const REGION = "us-east-1";

export async function s3In(endpoint: string, accountId: string): Promise<S3Client> {
  const sts = new STSClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/TrailwardenReadOnly`,
      RoleSessionName: "fixture",
    }),
  );
  sts.destroy();
  const c = out.Credentials!;
  return new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  });
}

export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

export function evidenceTrail(
  accountId: string,
  name: string,
  bucket: string,
  extra: Partial<TrailState> = {},
): TrailState {
  return {
    arn: `arn:aws:cloudtrail:${REGION}:${accountId}:trail/${name}`,
    name,
    homeRegion: REGION,
    ownerAccountId: accountId,
    appliesVia: "owned",
    isOrganizationTrail: false,
    isMultiRegionTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    s3BucketName: bucket,
    status: { isLogging: true },
    eventSelectors: { basic: null, advanced: null },
    insightSelectors: null,
    tags: null,
    ...extra,
  };
}

export async function insertSnapshot(
  accountId: string,
  at: Date,
  trails: TrailState[],
  buckets: { name: string; owner: string }[],
  organizationId = "o-evidence01",
  regions: string[] = [REGION],
): Promise<void> {
  const state: AccountSnapshotState = {
    schemaVersion: 1,
    accountId,
    partition: "aws",
    collectedAt: at.toISOString(),
    regions: regions.map((region) => ({ region, status: "enabled" as const })),
    trails,
    eventDataStores: [],
    buckets: Object.fromEntries(
      buckets.map((b) => [
        b.name,
        {
          name: b.name,
          ownerAccountId: b.owner,
          readStatus: "ok" as const,
          publicAccessBlock: null,
          policyIsPublic: null,
          accessLogging: null,
          region: REGION,
        },
      ]),
    ),
    logGroups: {},
    organization: { id: organizationId, managementAccountId: "111111111111" },
    errors: [],
  };
  await db.awsAccount.upsert({
    where: { id: accountId },
    create: { id: accountId, name: `acct-${accountId}` },
    update: {},
  });
  await db.snapshot.create({ data: { accountId, collectedAt: at, status: "ok", state: state as object } });
}
