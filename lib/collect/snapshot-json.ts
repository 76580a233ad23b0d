// The zod schemas of the snapshot's JSON columns (Snapshot.state and Snapshot.errors), matching
// lib/collect/snapshot-types.ts, and their readers. Objects are loose: a field this version does not
// know is kept as stored, never dropped, so re-reading an old snapshot changes nothing in it.
import { z } from "zod";
import type { AccountSnapshotState, CollectionError } from "@/lib/collect/snapshot-types";
import { readJsonColumn } from "@/lib/db/json/read-json-column";

const strings = z.array(z.string());
const readStatus = z.enum(["ok", "no_data", "error"]);

export const collectionErrorSchema = z.looseObject({
  service: z.string(),
  operation: z.string(),
  region: z.string().optional(),
  accountId: z.string().optional(),
  resource: z.string().optional(),
  kind: z.enum([
    "access_denied",
    "throttled",
    "region_disabled",
    "timeout",
    "unsupported",
    "not_found",
    "network",
    "other",
  ]),
  code: z.string(),
  message: z.string(),
}) satisfies z.ZodType<CollectionError>;

const basicSelector = z.looseObject({
  readWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]),
  includeManagementEvents: z.boolean(),
  excludeManagementEventSources: strings,
  dataResources: z.array(z.looseObject({ type: z.string(), values: strings })),
});
const fieldSelector = z.looseObject({
  field: z.string(),
  equals: strings.optional(),
  notEquals: strings.optional(),
  startsWith: strings.optional(),
  notStartsWith: strings.optional(),
  endsWith: strings.optional(),
  notEndsWith: strings.optional(),
});
const advancedSelector = z.looseObject({ name: z.string().optional(), fieldSelectors: z.array(fieldSelector) });

const trailStatus = z.looseObject({
  isLogging: z.boolean(),
  latestDeliveryTime: z.string().optional(),
  latestDeliveryError: z.string().optional(),
  latestCloudWatchLogsDeliveryTime: z.string().optional(),
  latestCloudWatchLogsDeliveryError: z.string().optional(),
  latestDigestDeliveryTime: z.string().optional(),
  latestDigestDeliveryError: z.string().optional(),
  startLoggingTime: z.string().optional(),
  stopLoggingTime: z.string().optional(),
  timeLoggingStarted: z.string().optional(),
  timeLoggingStopped: z.string().optional(),
});

const trail = z.looseObject({
  arn: z.string(),
  name: z.string(),
  homeRegion: z.string(),
  ownerAccountId: z.string(),
  appliesVia: z.enum(["owned", "organization"]),
  isOrganizationTrail: z.boolean(),
  isMultiRegionTrail: z.boolean(),
  includeGlobalServiceEvents: z.boolean(),
  s3BucketName: z.string().optional(),
  s3KeyPrefix: z.string().optional(),
  snsTopicArn: z.string().optional(),
  kmsKeyId: z.string().optional(),
  logFileValidationEnabled: z.boolean(),
  cloudWatchLogsLogGroupArn: z.string().optional(),
  cloudWatchLogsRoleArn: z.string().optional(),
  hasCustomEventSelectors: z.boolean().optional(),
  hasInsightSelectors: z.boolean().optional(),
  status: trailStatus.nullable(),
  eventSelectors: z
    .looseObject({ basic: z.array(basicSelector).nullable(), advanced: z.array(advancedSelector).nullable() })
    .nullable(),
  insightSelectors: z.array(z.looseObject({ insightType: z.string() })).nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
});

const bucket = z.looseObject({
  name: z.string(),
  ownerAccountId: z.string().nullable(),
  readStatus,
  publicAccessBlock: z
    .looseObject({
      blockPublicAcls: z.boolean(),
      ignorePublicAcls: z.boolean(),
      blockPublicPolicy: z.boolean(),
      restrictPublicBuckets: z.boolean(),
    })
    .nullable(),
  policyIsPublic: z.boolean().nullable(),
  accessLogging: z
    .looseObject({ enabled: z.boolean(), targetBucket: z.string().optional(), targetPrefix: z.string().optional() })
    .nullable(),
  region: z.string().optional(),
  reason: z.string().optional(),
});

const logGroup = z.looseObject({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  readStatus,
  retentionInDays: z.number().optional(),
  metricFilters: z.array(
    z.looseObject({
      name: z.string(),
      pattern: z.string(),
      metricTransformations: z.array(
        z.looseObject({ metricName: z.string(), metricNamespace: z.string(), metricValue: z.string() }),
      ),
    }),
  ),
  alarms: z.array(
    z.looseObject({
      name: z.string(),
      arn: z.string(),
      metricName: z.string().optional(),
      namespace: z.string().optional(),
      statistic: z.string().optional(),
      period: z.number().optional(),
      threshold: z.number().optional(),
      comparisonOperator: z.string().optional(),
      evaluationPeriods: z.number().optional(),
      treatMissingData: z.string().optional(),
      actionsEnabled: z.boolean(),
      alarmActions: strings,
    }),
  ),
  topics: z.array(z.looseObject({ arn: z.string(), subscriptionCount: z.number().nullable() })),
  reason: z.string().optional(),
});

export const snapshotStateSchema = z.looseObject({
  schemaVersion: z.literal(1),
  accountId: z.string(),
  partition: z.enum(["aws", "aws-us-gov", "aws-cn"]),
  collectedAt: z.string(),
  regions: z.array(z.looseObject({ region: z.string(), status: z.enum(["enabled", "disabled", "error"]) })),
  regionsReadAt: z.string().optional(),
  trails: z.array(trail),
  unreadTrails: z.array(z.looseObject({ arn: z.string(), name: z.string(), homeRegion: z.string() })).optional(),
  eventDataStores: z
    .array(
      z.looseObject({
        arn: z.string(),
        name: z.string(),
        status: z.string().optional(),
        kmsKeyId: z.string().optional(),
        multiRegionEnabled: z.boolean().optional(),
        organizationEnabled: z.boolean().optional(),
      }),
    )
    .nullable(),
  buckets: z.record(z.string(), bucket),
  logGroups: z.record(z.string(), logGroup),
  organization: z.looseObject({ id: z.string(), managementAccountId: z.string() }).nullable(),
  errors: z.array(collectionErrorSchema),
}) satisfies z.ZodType<AccountSnapshotState>;

const collectionErrorsSchema = z.array(collectionErrorSchema);

/** Snapshot.state of a snapshot that holds AWS state (one whose collection failed outright has none). */
export function readSnapshotState(row: { id: string; state: unknown }): AccountSnapshotState {
  return readJsonColumn(snapshotStateSchema, row.state, { table: "snapshots", column: "state", rowId: row.id });
}

/** Snapshot.errors: the calls that failed during the collection. */
export function readSnapshotErrors(row: { id: string; errors: unknown }): CollectionError[] {
  return readJsonColumn(collectionErrorsSchema, row.errors, { table: "snapshots", column: "errors", rowId: row.id });
}
