// The normalized state of one account as the collector stores it (Snapshot.state). This is the
// contract between the collector (lib/collect), the evaluator (lib/controls), the remediation
// planner (lib/remediate) and coverage (lib/coverage). The evaluator is a pure function of it, so
// everything a verdict needs, including the organization trail and buckets or log groups owned by
// other accounts, is resolved into the snapshot at collection time.
//
// Conventions: `null` means "not known" (the call was not made or failed; see `errors`), an empty
// array means "AWS said there are none". Times are ISO-8601 strings.

import type { ErrorKind } from "@/lib/aws/classify-error";

export const SNAPSHOT_SCHEMA_VERSION = 1;

export type { ErrorKind };

export interface CollectionError {
  service: string; // "cloudtrail", "s3", "sts", ...
  operation: string; // SDK command name without "Command", e.g. "GetTrailStatus"
  region?: string;
  accountId?: string; // the account the call was made in, when not the snapshot's own
  resource?: string; // ARN or name the call was about
  kind: ErrorKind;
  code: string; // AWS error code or name, e.g. "AccessDeniedException"
  message: string;
}

export interface BasicEventSelector {
  readWriteType: "ReadOnly" | "WriteOnly" | "All";
  includeManagementEvents: boolean;
  excludeManagementEventSources: string[];
  dataResources: { type: string; values: string[] }[];
}

export interface AdvancedFieldSelector {
  field: string; // eventCategory, readOnly, eventSource, resources.type, ...
  equals?: string[];
  notEquals?: string[];
  startsWith?: string[];
  notStartsWith?: string[];
  endsWith?: string[];
  notEndsWith?: string[];
}

export interface AdvancedEventSelector {
  name?: string;
  fieldSelectors: AdvancedFieldSelector[];
}

export interface EventSelectorsState {
  /** null when GetEventSelectors returned no basic list. */
  basic: BasicEventSelector[] | null;
  /** null when GetEventSelectors returned no advanced list. */
  advanced: AdvancedEventSelector[] | null;
}

export interface TrailStatusState {
  isLogging: boolean;
  latestDeliveryTime?: string;
  latestDeliveryError?: string;
  latestCloudWatchLogsDeliveryTime?: string;
  latestCloudWatchLogsDeliveryError?: string;
  latestDigestDeliveryTime?: string;
  latestDigestDeliveryError?: string;
  startLoggingTime?: string;
  stopLoggingTime?: string;
  timeLoggingStarted?: string;
  timeLoggingStopped?: string;
}

export interface TrailState {
  arn: string;
  name: string;
  homeRegion: string;
  ownerAccountId: string;
  /** "owned": the account's own trail; "organization": the org trail credited to this account. */
  appliesVia: "owned" | "organization";
  isOrganizationTrail: boolean;
  isMultiRegionTrail: boolean;
  includeGlobalServiceEvents: boolean;
  s3BucketName?: string;
  s3KeyPrefix?: string;
  snsTopicArn?: string;
  kmsKeyId?: string;
  logFileValidationEnabled: boolean;
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  hasCustomEventSelectors?: boolean;
  hasInsightSelectors?: boolean;
  /** null when GetTrailStatus failed. */
  status: TrailStatusState | null;
  /** null when GetEventSelectors failed. */
  eventSelectors: EventSelectorsState | null;
  /** null when GetInsightSelectors failed or is unsupported. */
  insightSelectors: { insightType: string }[] | null;
  /** null when ListTags failed. */
  tags: Record<string, string> | null;
}

export interface PublicAccessBlockState {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface BucketState {
  name: string;
  /** The account that owns the bucket, when known (an organization account or the trail's). */
  ownerAccountId: string | null;
  /** ok: read; no_data: owned outside the organization or not readable by design; error: a call failed. */
  readStatus: "ok" | "no_data" | "error";
  /** null when not known. No configuration at all is `{ all false }`. */
  publicAccessBlock: PublicAccessBlockState | null;
  /** GetBucketPolicyStatus IsPublic; false when the bucket has no policy; null when unknown. */
  policyIsPublic: boolean | null;
  /** GetBucketLogging: null when unknown. */
  accessLogging: { enabled: boolean; targetBucket?: string; targetPrefix?: string } | null;
  region?: string;
  /** Why readStatus is no_data (e.g. no organization account owns the bucket). */
  reason?: string;
}

export interface MetricFilterState {
  name: string;
  pattern: string;
  metricTransformations: { metricName: string; metricNamespace: string; metricValue: string }[];
}

export interface AlarmState {
  name: string;
  arn: string;
  metricName?: string;
  namespace?: string;
  statistic?: string;
  period?: number;
  threshold?: number;
  comparisonOperator?: string;
  evaluationPeriods?: number;
  treatMissingData?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
}

export interface SnsTopicState {
  arn: string;
  /** Confirmed subscriptions (pending confirmation excluded); null when unknown. */
  subscriptionCount: number | null;
}

export interface LogGroupState {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  readStatus: "ok" | "no_data" | "error";
  retentionInDays?: number;
  metricFilters: MetricFilterState[];
  alarms: AlarmState[];
  topics: SnsTopicState[];
  /** Why readStatus is no_data or error (e.g. the owning account is outside the organization). */
  reason?: string;
}

export interface EventDataStoreState {
  arn: string;
  name: string;
  status?: string;
  kmsKeyId?: string;
  multiRegionEnabled?: boolean;
  organizationEnabled?: boolean;
}

export interface RegionState {
  region: string;
  status: "enabled" | "disabled" | "error";
}

export interface AccountSnapshotState {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  accountId: string;
  partition: "aws" | "aws-us-gov" | "aws-cn";
  collectedAt: string;
  /** Regions considered (TRAILWARDEN_REGIONS or the account's enabled regions). */
  regions: RegionState[];
  /**
   * When DescribeRegions last answered for `regions` (they are re-read at most daily, see
   * lib/collect/collect-regions.ts); absent when TRAILWARDEN_REGIONS set them.
   */
  regionsReadAt?: string;
  /** The account's own trails plus the organization trail credited to it (deduplicated by ARN). */
  trails: TrailState[];
  /**
   * Trails the account owns that ListTrails returned but whose configuration could not be read
   * (the failed call is in `errors`). Absent in snapshots written before this field existed.
   */
  unreadTrails?: { arn: string; name: string; homeRegion: string }[];
  /** null when ListEventDataStores is unavailable (NO_DATA for CloudTrail.10). */
  eventDataStores: EventDataStoreState[] | null;
  /** Keyed by bucket name: every trail bucket, read in its owning account. */
  buckets: Record<string, BucketState>;
  /** Keyed by log group ARN: every trail log group, read in its owning account. */
  logGroups: Record<string, LogGroupState>;
  /** The organization this account belongs to, when discovered through Organizations. */
  organization: { id: string; managementAccountId: string } | null;
  errors: CollectionError[];
}

/** A Security Hub control finding, normalized (also stored in SecurityHubFinding). */
export interface SecurityHubFindingState {
  id: string;
  accountId: string;
  region: string;
  controlId: string; // "CloudTrail.1"
  complianceStatus: "PASSED" | "FAILED" | "WARNING" | "NOT_AVAILABLE" | null;
  statusReasons: { reasonCode?: string; description?: string }[];
  workflowStatus: string | null;
  recordState: "ACTIVE" | "ARCHIVED";
  resourceIds: string[];
  updatedAt: string;
}
