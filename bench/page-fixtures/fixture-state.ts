// The latest snapshot of a fixture profile: normalized state (lib/collect/snapshot-types.ts) and
// raw API responses keyed the way the collector's CallRecorder keys them.
import type {
  AccountSnapshotState,
  BucketState,
  CollectionError,
  EventSelectorsState,
  LogGroupState,
  TrailState,
} from "@/lib/collect/snapshot-types";
import {
  CENTRAL_BUCKET,
  LOG_ARCHIVE_ID,
  MANAGEMENT_ID,
  type AccountProfile,
  type OwnTrailProfile,
} from "./fixture-profiles";
import { orgTrailArn } from "./fixture-verdicts";

function selectors(kind: OwnTrailProfile["selectors"]): EventSelectorsState {
  const basic = (readWriteType: "All" | "ReadOnly" | "WriteOnly") => ({
    readWriteType,
    includeManagementEvents: true,
    excludeManagementEventSources: [],
    dataResources: [],
  });
  switch (kind) {
    case "all-basic":
      return { basic: [basic("All")], advanced: null };
    case "write-only":
      return { basic: [basic("WriteOnly")], advanced: null };
    case "split-read-write":
      return { basic: [basic("ReadOnly"), basic("WriteOnly")], advanced: null };
    case "all-advanced":
      return {
        basic: null,
        advanced: [{ name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }],
      };
    case "default":
      return { basic: null, advanced: null };
  }
}

function orgTrail(p: AccountProfile, at: string): TrailState {
  return {
    arn: orgTrailArn(),
    name: "org-trail",
    homeRegion: "us-east-1",
    ownerAccountId: MANAGEMENT_ID,
    appliesVia: p.id === MANAGEMENT_ID ? "owned" : "organization",
    isOrganizationTrail: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    s3BucketName: CENTRAL_BUCKET,
    s3KeyPrefix: "org",
    kmsKeyId: `arn:aws:kms:us-east-1:${MANAGEMENT_ID}:key/0f3c9a52-7d1e-4c8e-9b0a-5a1f2e3d4c5b`,
    logFileValidationEnabled: true,
    cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT_ID}:log-group:aws-cloudtrail-logs-org:*`,
    cloudWatchLogsRoleArn: `arn:aws:iam::${MANAGEMENT_ID}:role/CloudTrailToCloudWatch`,
    hasCustomEventSelectors: true,
    status: { isLogging: true, latestDeliveryTime: at, startLoggingTime: "2025-02-03T10:00:00.000Z" },
    eventSelectors: selectors("all-basic"),
    insightSelectors: [],
    tags: { Owner: "platform-security" },
  };
}

function ownTrail(p: AccountProfile, t: OwnTrailProfile, at: string): TrailState {
  return {
    arn: `arn:aws:cloudtrail:${t.homeRegion}:${p.id}:trail/${t.name}`,
    name: t.name,
    homeRegion: t.homeRegion,
    ownerAccountId: p.id,
    appliesVia: "owned",
    isOrganizationTrail: false,
    isMultiRegionTrail: t.multiRegion,
    includeGlobalServiceEvents: t.multiRegion,
    s3BucketName: t.bucket,
    ...(t.kms ? { kmsKeyId: `arn:aws:kms:${t.homeRegion}:${p.id}:key/7b2e61d0-1c4f-4a8b-8f3e-2d9c0b1a6e57` } : {}),
    logFileValidationEnabled: t.validation,
    ...(t.cloudWatchLogs
      ? {
          cloudWatchLogsLogGroupArn: `arn:aws:logs:${t.homeRegion}:${p.id}:log-group:/aws/cloudtrail/${t.name}:*`,
          cloudWatchLogsRoleArn: `arn:aws:iam::${p.id}:role/CloudTrailToCloudWatch`,
        }
      : {}),
    hasCustomEventSelectors: t.selectors !== "default",
    status: {
      isLogging: t.logging,
      latestDeliveryTime: at,
      ...(t.logging ? {} : { stopLoggingTime: "2026-10-02T14:11:00.000Z" }),
      ...(t.deliveryError ? { latestCloudWatchLogsDeliveryError: "AccessDeniedException" } : {}),
    },
    eventSelectors: selectors(t.selectors),
    insightSelectors: null,
    tags: t.ownerTag ? { Owner: "team" } : {},
  };
}

function bucket(name: string, owner: string | null, t?: OwnTrailProfile): BucketState {
  if (t?.bucketOutsideOrg)
    return {
      name,
      ownerAccountId: null,
      readStatus: "no_data",
      publicAccessBlock: null,
      policyIsPublic: null,
      accessLogging: null,
    };
  const publicBlock = !t?.bucketPublic;
  return {
    name,
    ownerAccountId: owner,
    readStatus: "ok",
    publicAccessBlock: {
      blockPublicAcls: publicBlock,
      ignorePublicAcls: publicBlock,
      blockPublicPolicy: publicBlock,
      restrictPublicBuckets: publicBlock,
    },
    policyIsPublic: !publicBlock,
    accessLogging:
      t && !t.bucketLogging
        ? { enabled: false }
        : { enabled: true, targetBucket: "acme-s3-access-logs", targetPrefix: `${name}/` },
    region: "us-east-1",
  };
}

export interface FixtureSnapshot {
  state: AccountSnapshotState;
  raw: Record<string, unknown>;
  errors: CollectionError[];
}

export function latestSnapshot(p: AccountProfile, at: string): FixtureSnapshot {
  const trails: TrailState[] = [];
  const buckets: Record<string, BucketState> = {};
  const logGroups: Record<string, LogGroupState> = {};
  if (p.ownTrail) {
    const t = ownTrail(p, p.ownTrail, at);
    trails.push(t);
    const owner = p.ownTrail.bucket === CENTRAL_BUCKET ? LOG_ARCHIVE_ID : p.id;
    buckets[p.ownTrail.bucket] = bucket(p.ownTrail.bucket, owner, p.ownTrail);
  }
  if (p.orgTrail || p.isManagement) {
    trails.push(orgTrail(p, at));
    buckets[CENTRAL_BUCKET] ??= bucket(CENTRAL_BUCKET, LOG_ARCHIVE_ID);
  }
  const errors: CollectionError[] =
    p.collection === "partial"
      ? [
          {
            service: "s3",
            operation: "GetBucketLogging",
            accountId: LOG_ARCHIVE_ID,
            resource: CENTRAL_BUCKET,
            kind: "access_denied",
            code: "AccessDenied",
            message: "Access Denied",
          },
        ]
      : [];
  const state: AccountSnapshotState = {
    schemaVersion: 1,
    accountId: p.id,
    partition: "aws",
    collectedAt: at,
    regions: ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"].map((region) => ({
      region,
      status: "enabled" as const,
    })),
    trails,
    eventDataStores:
      p.eventDataStore === "none"
        ? []
        : [
            {
              arn: `arn:aws:cloudtrail:us-east-1:${p.id}:eventdatastore/${p.name}-lake`,
              name: `${p.name}-lake`,
              status: "ENABLED",
              ...(p.eventDataStore === "cmk" ? { kmsKeyId: `arn:aws:kms:us-east-1:${p.id}:key/lake` } : {}),
            },
          ],
    buckets,
    logGroups,
    organization: { id: "o-a1b2c3d4e5", managementAccountId: MANAGEMENT_ID },
    errors,
  };
  const raw: Record<string, unknown> = {
    "cloudtrail ListTrails us-east-1": {
      Trails: trails.map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion })),
    },
    "cloudtrail DescribeTrails us-east-1": {
      trailList: trails.map((t) => ({
        Name: t.name,
        TrailARN: t.arn,
        HomeRegion: t.homeRegion,
        S3BucketName: t.s3BucketName,
        IsMultiRegionTrail: t.isMultiRegionTrail,
        IsOrganizationTrail: t.isOrganizationTrail,
        LogFileValidationEnabled: t.logFileValidationEnabled,
        KmsKeyId: t.kmsKeyId,
        CloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn,
        HasCustomEventSelectors: t.hasCustomEventSelectors,
      })),
    },
  };
  for (const t of trails) {
    raw[`cloudtrail GetTrailStatus ${t.homeRegion} ${t.arn}`] = {
      IsLogging: t.status?.isLogging,
      LatestDeliveryTime: t.status?.latestDeliveryTime,
      LatestCloudWatchLogsDeliveryError: t.status?.latestCloudWatchLogsDeliveryError,
      StopLoggingTime: t.status?.stopLoggingTime,
    };
    raw[`cloudtrail GetEventSelectors ${t.homeRegion} ${t.arn}`] = {
      TrailARN: t.arn,
      EventSelectors: t.eventSelectors?.basic?.map((b) => ({
        ReadWriteType: b.readWriteType,
        IncludeManagementEvents: b.includeManagementEvents,
        ExcludeManagementEventSources: [],
        DataResources: [],
      })),
      AdvancedEventSelectors: t.eventSelectors?.advanced?.map((a) => ({
        Name: a.name,
        FieldSelectors: a.fieldSelectors.map((f) => ({ Field: f.field, Equals: f.equals })),
      })),
    };
  }
  for (const b of Object.values(buckets)) {
    if (b.readStatus !== "ok") continue;
    const where = b.ownerAccountId && b.ownerAccountId !== p.id ? ` ${b.ownerAccountId}` : "";
    raw[`s3 GetPublicAccessBlock${where} ${b.name}`] = {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: b.publicAccessBlock?.blockPublicAcls,
        IgnorePublicAcls: b.publicAccessBlock?.ignorePublicAcls,
        BlockPublicPolicy: b.publicAccessBlock?.blockPublicPolicy,
        RestrictPublicBuckets: b.publicAccessBlock?.restrictPublicBuckets,
      },
    };
    if (p.collection !== "partial")
      raw[`s3 GetBucketLogging${where} ${b.name}`] = b.accessLogging?.enabled
        ? { LoggingEnabled: { TargetBucket: b.accessLogging.targetBucket, TargetPrefix: b.accessLogging.targetPrefix } }
        : {};
  }
  return { state, raw, errors };
}

/** History snapshots keep a minimal state: pages only read the newest snapshot's state. */
export function historicState(p: AccountProfile, at: string): AccountSnapshotState {
  return {
    schemaVersion: 1,
    accountId: p.id,
    partition: "aws",
    collectedAt: at,
    regions: [],
    trails: [],
    eventDataStores: [],
    buckets: {},
    logGroups: {},
    organization: null,
    errors: [],
  };
}
