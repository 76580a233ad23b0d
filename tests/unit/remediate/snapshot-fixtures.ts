// Snapshot fixtures for the planner tests: one fully compliant account and small mutations of it,
// each reproducing a state the simulated organization (and real organizations) contain.
import type { AccountSnapshotState, LogGroupState, TrailState } from "@/lib/collect/snapshot-types";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE } from "@/lib/controls/cis-patterns";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { parseRemediationSettings, type RemediationSettings } from "@/lib/remediate/remediation-settings";

export const ACCOUNT = "111111111111";
export const MANAGEMENT = "123456789012";
export const LOG_ARCHIVE = "222222222222";
export const REGION = "us-east-1";

export const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:cloudtrail/main:*`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alarms`;

export function settings(overrides: Partial<RemediationSettings> = {}): RemediationSettings {
  return { ...parseRemediationSettings({ alarmEmail: "secops@example.com" }, {}), ...overrides };
}

export function trail(overrides: Partial<TrailState> = {}, account = ACCOUNT): TrailState {
  const name = overrides.name ?? "main";
  return {
    arn: `arn:aws:cloudtrail:${REGION}:${account}:trail/${name}`,
    name,
    homeRegion: REGION,
    ownerAccountId: account,
    appliesVia: "owned",
    isOrganizationTrail: false,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    s3BucketName: "main-bucket",
    kmsKeyId: `arn:aws:kms:${REGION}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    logFileValidationEnabled: true,
    cloudWatchLogsLogGroupArn: GROUP_ARN,
    cloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/CloudTrailToLogs`,
    status: { isLogging: true },
    eventSelectors: {
      basic: [
        { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [] },
      ],
      advanced: null,
    },
    insightSelectors: [],
    tags: { Owner: "platform" },
    ...overrides,
  };
}

export function cisLogGroup(arn = GROUP_ARN, skip: string[] = [], topicSubscriptions = 1): LogGroupState {
  const [, , , region = REGION, accountId = ACCOUNT] = arn.split(":");
  const ids = CLOUDWATCH_CONTROL_IDS.filter((id) => !skip.includes(id));
  return {
    arn,
    name: arn.split(":log-group:")[1]!.replace(/:\*$/, ""),
    accountId,
    region,
    readStatus: "ok",
    retentionInDays: 400,
    metricFilters: ids.map((id) => ({
      name: `cis-${id}`,
      pattern: CIS_METRIC_FILTERS[id].pattern,
      metricTransformations: [
        { metricName: CIS_METRIC_FILTERS[id].metricName, metricNamespace: CIS_METRIC_NAMESPACE, metricValue: "1" },
      ],
    })),
    alarms: ids.map((id) => ({
      name: `cis-alarm-${id}`,
      arn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:cis-alarm-${id}`,
      metricName: CIS_METRIC_FILTERS[id].metricName,
      namespace: CIS_METRIC_NAMESPACE,
      statistic: "Sum",
      period: 300,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      actionsEnabled: true,
      alarmActions: [`arn:aws:sns:${region}:${accountId}:security-alarms`],
    })),
    topics: [{ arn: `arn:aws:sns:${region}:${accountId}:security-alarms`, subscriptionCount: topicSubscriptions }],
  };
}

export function compliant(overrides: Partial<AccountSnapshotState> = {}): AccountSnapshotState {
  return {
    schemaVersion: 1,
    accountId: ACCOUNT,
    partition: "aws",
    collectedAt: "2026-11-20T10:00:00.000Z",
    regions: [{ region: REGION, status: "enabled" }],
    trails: [trail()],
    eventDataStores: [],
    buckets: {
      "main-bucket": {
        name: "main-bucket",
        ownerAccountId: ACCOUNT,
        readStatus: "ok",
        publicAccessBlock: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: true,
          restrictPublicBuckets: true,
        },
        policyIsPublic: false,
        accessLogging: { enabled: true, targetBucket: "access-logs-111111111111", targetPrefix: "main-bucket/" },
        region: REGION,
      },
    },
    logGroups: { [GROUP_ARN]: cisLogGroup() },
    organization: null,
    errors: [],
    ...overrides,
  };
}

/** The compliant account with its single trail changed. */
export function withTrail(
  overrides: Partial<TrailState>,
  state: Partial<AccountSnapshotState> = {},
): AccountSnapshotState {
  return compliant({ trails: [trail(overrides)], ...state });
}

export const ORG_TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`;
export const ORG_GROUP_ARN = `arn:aws:logs:${REGION}:${MANAGEMENT}:log-group:cloudtrail/org-trail:*`;

/** A member account with no trail of its own, covered by the management account's organization trail. */
export function orgMember(orgOverrides: Partial<TrailState> = {}): AccountSnapshotState {
  const org = trail(
    {
      name: "org-trail",
      arn: ORG_TRAIL_ARN,
      appliesVia: "organization",
      isOrganizationTrail: true,
      s3BucketName: "org-central-bucket",
      cloudWatchLogsLogGroupArn: ORG_GROUP_ARN,
      ...orgOverrides,
    },
    MANAGEMENT,
  );
  return compliant({
    trails: [org],
    organization: { id: "o-abc123", managementAccountId: MANAGEMENT },
    buckets: {
      "org-central-bucket": {
        name: "org-central-bucket",
        ownerAccountId: LOG_ARCHIVE,
        readStatus: "ok",
        publicAccessBlock: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: true,
          restrictPublicBuckets: true,
        },
        policyIsPublic: false,
        accessLogging: { enabled: true, targetBucket: "access-logs-222222222222" },
        region: REGION,
      },
    },
    logGroups: { [ORG_GROUP_ARN]: cisLogGroup(ORG_GROUP_ARN) },
  });
}
