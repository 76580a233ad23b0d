// Small builders for evaluator tests: every builder returns a fully passing piece by default, and a
// test overrides only what its case is about.
import type {
  AccountSnapshotState,
  AlarmState,
  BucketState,
  LogGroupState,
  MetricFilterState,
  SecurityHubFindingState,
  TrailState,
} from "@/lib/collect/snapshot-types";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import type { CloudWatchControlId, ControlId, ControlVerdict } from "@/lib/controls/types";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";

export const ACCOUNT = "111111111111";
export const MGMT = "999999999999";
export const ARCHIVE = "222222222222";
export const REGION = "us-east-1";

export function trailArn(name: string, account = ACCOUNT, region = REGION): string {
  return `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
}

export function logGroupArn(name: string, account = ACCOUNT, region = REGION): string {
  return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
}

export function topicArn(name = "security-alerts", account = ACCOUNT, region = REGION): string {
  return `arn:aws:sns:${region}:${account}:${name}`;
}

export function makeTrail(overrides: Partial<TrailState> = {}): TrailState {
  const name = overrides.name ?? "audit";
  const owner = overrides.ownerAccountId ?? ACCOUNT;
  const region = overrides.homeRegion ?? REGION;
  return {
    arn: trailArn(name, owner, region),
    name,
    homeRegion: region,
    ownerAccountId: owner,
    appliesVia: "owned",
    isOrganizationTrail: false,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    s3BucketName: `${name}-bucket`,
    kmsKeyId: `arn:aws:kms:${region}:${owner}:key/1234abcd`,
    logFileValidationEnabled: true,
    cloudWatchLogsLogGroupArn: logGroupArn(`${name}-logs`, owner, region),
    cloudWatchLogsRoleArn: `arn:aws:iam::${owner}:role/CloudTrailToLogs`,
    status: { isLogging: true },
    eventSelectors: {
      basic: [
        { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [] },
      ],
      advanced: null,
    },
    insightSelectors: [],
    tags: { owner: "security" },
    ...overrides,
  };
}

/** The organization trail as credited to a member (owned by the management account). */
export function makeOrgTrail(overrides: Partial<TrailState> = {}): TrailState {
  return makeTrail({
    name: "org-trail",
    ownerAccountId: MGMT,
    appliesVia: "organization",
    isOrganizationTrail: true,
    ...overrides,
  });
}

export function makeBucket(name: string, overrides: Partial<BucketState> = {}): BucketState {
  return {
    name,
    ownerAccountId: ACCOUNT,
    readStatus: "ok",
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    policyIsPublic: false,
    accessLogging: { enabled: true, targetBucket: "access-logs", targetPrefix: `${name}/` },
    region: REGION,
    ...overrides,
  };
}

export function cisFilter(
  controlId: CloudWatchControlId,
  overrides: Partial<MetricFilterState> = {},
): MetricFilterState {
  const spec = CIS_METRIC_FILTERS[controlId];
  return {
    name: spec.metricName,
    pattern: spec.pattern,
    metricTransformations: [{ metricName: spec.metricName, metricNamespace: "CISBenchmark", metricValue: "1" }],
    ...overrides,
  };
}

export function cisAlarm(
  controlId: CloudWatchControlId,
  overrides: Partial<AlarmState> = {},
  account = ACCOUNT,
): AlarmState {
  const spec = CIS_METRIC_FILTERS[controlId];
  return {
    name: `${spec.metricName}-alarm`,
    arn: `arn:aws:cloudwatch:${REGION}:${account}:alarm:${spec.metricName}-alarm`,
    metricName: spec.metricName,
    namespace: "CISBenchmark",
    statistic: "Sum",
    period: 300,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 1,
    treatMissingData: "notBreaching",
    actionsEnabled: true,
    alarmActions: [topicArn("security-alerts", account)],
    ...overrides,
  };
}

/** A log group with all fourteen CIS filters, alarms and a subscribed topic. */
export function makeLogGroup(arn: string, overrides: Partial<LogGroupState> = {}): LogGroupState {
  const account = arn.split(":")[4] ?? ACCOUNT;
  return {
    arn,
    name: arn.split(":log-group:")[1]?.replace(/:\*$/, "") ?? "logs",
    accountId: account,
    region: REGION,
    readStatus: "ok",
    retentionInDays: 365,
    metricFilters: CLOUDWATCH_CONTROL_IDS.map((id) => cisFilter(id)),
    alarms: CLOUDWATCH_CONTROL_IDS.map((id) => cisAlarm(id, {}, account)),
    topics: [{ arn: topicArn("security-alerts", account), subscriptionCount: 1 }],
    ...overrides,
  };
}

/** Replaces one control's filter (or alarm) in a log group, keeping the other thirteen. */
export function withFilter(
  group: LogGroupState,
  controlId: CloudWatchControlId,
  filter: MetricFilterState | null,
): LogGroupState {
  const name = CIS_METRIC_FILTERS[controlId].metricName;
  const others = group.metricFilters.filter((f) => f.name !== name);
  return { ...group, metricFilters: filter ? [...others, filter] : others };
}

export function withAlarm(
  group: LogGroupState,
  controlId: CloudWatchControlId,
  alarm: AlarmState | null,
): LogGroupState {
  const name = `${CIS_METRIC_FILTERS[controlId].metricName}-alarm`;
  const others = group.alarms.filter((a) => a.name !== name);
  return { ...group, alarms: alarm ? [...others, alarm] : others };
}

type SnapshotOverrides = Partial<Omit<AccountSnapshotState, "buckets" | "logGroups">> & {
  buckets?: Record<string, BucketState>;
  logGroups?: Record<string, LogGroupState>;
};

/**
 * A snapshot of ACCOUNT. Buckets and log groups of its trails are added (passing) unless the
 * overrides give them, so a case only states what differs.
 */
export function makeSnapshot(overrides: SnapshotOverrides = {}): AccountSnapshotState {
  const trails = overrides.trails ?? [makeTrail()];
  const buckets: Record<string, BucketState> = {};
  const logGroups: Record<string, LogGroupState> = {};
  for (const trail of trails) {
    if (trail.s3BucketName)
      buckets[trail.s3BucketName] = makeBucket(trail.s3BucketName, { ownerAccountId: trail.ownerAccountId });
    if (trail.cloudWatchLogsLogGroupArn)
      logGroups[trail.cloudWatchLogsLogGroupArn] = makeLogGroup(trail.cloudWatchLogsLogGroupArn);
  }
  return {
    schemaVersion: 1,
    accountId: ACCOUNT,
    partition: "aws",
    collectedAt: "2026-11-02T08:00:00.000Z",
    regions: [{ region: REGION, status: "enabled" }],
    eventDataStores: [],
    organization: { id: "o-abc123", managementAccountId: MGMT },
    errors: [],
    ...overrides,
    trails,
    buckets: { ...buckets, ...overrides.buckets },
    logGroups: { ...logGroups, ...overrides.logGroups },
  };
}

/** The snapshot's default log group (of trail `audit`), for cases that edit it. */
export function defaultLogGroup(): LogGroupState {
  return makeLogGroup(logGroupArn("audit-logs"));
}

/** The default snapshot with its log group replaced by `edit(group)`. */
export function editLogGroup(edit: (group: LogGroupState) => LogGroupState): () => AccountSnapshotState {
  return () => {
    const group = edit(defaultLogGroup());
    return makeSnapshot({ logGroups: { [logGroupArn("audit-logs")]: group } });
  };
}

export function verdictFor(
  state: AccountSnapshotState,
  controlId: ControlId,
  requiredTagKeys: string[] = [],
): ControlVerdict {
  const verdict = evaluateAccount(state, { requiredTagKeys }).find((v) => v.controlId === controlId);
  if (!verdict) throw new Error(`no verdict for ${controlId}`);
  return verdict;
}

export function makeFinding(overrides: Partial<SecurityHubFindingState> = {}): SecurityHubFindingState {
  return {
    id: "arn:aws:securityhub:us-east-1:111111111111:finding/1",
    accountId: ACCOUNT,
    region: REGION,
    controlId: "CloudTrail.1",
    complianceStatus: "PASSED",
    statusReasons: [],
    workflowStatus: "NEW",
    recordState: "ACTIVE",
    resourceIds: [`AWS::::Account:${ACCOUNT}`],
    updatedAt: "2026-11-01T00:00:00.000Z",
    ...overrides,
  };
}
