// ARNs for verdict evidence, and lookups that tolerate the two spellings AWS uses for a log group
// ARN (CloudTrail's CloudWatchLogsLogGroupArn and DescribeLogGroups' `arn` end in ":*";
// `logGroupArn` does not).
import type { AccountSnapshotState, LogGroupState } from "@/lib/collect/snapshot-types";

export function bucketArn(partition: AccountSnapshotState["partition"], bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}

/** The log group ARN without the trailing ":*" wildcard. */
export function bareLogGroupArn(arn: string): string {
  return arn.endsWith(":*") ? arn.slice(0, -2) : arn;
}

/** "aws-cloudtrail-logs" from "arn:aws:logs:us-east-1:111:log-group:aws-cloudtrail-logs:*". */
export function logGroupName(arn: string): string {
  const marker = ":log-group:";
  const at = arn.indexOf(marker);
  return at < 0 ? arn : bareLogGroupArn(arn).slice(at + marker.length);
}

/**
 * Metric filters have no ARN of their own in AWS; Trailwarden identifies one as its log group's ARN
 * followed by `:metric-filter:<name>` so evidence lists stay ARN-shaped and unique.
 */
export function metricFilterArn(logGroupArn: string, filterName: string): string {
  return `${bareLogGroupArn(logGroupArn)}:metric-filter:${filterName}`;
}

/** Finds a trail's log group in the snapshot whichever ARN spelling either side used. */
export function findLogGroup(state: AccountSnapshotState, arn: string): LogGroupState | undefined {
  const direct = state.logGroups[arn];
  if (direct) return direct;
  const bare = bareLogGroupArn(arn);
  const other = state.logGroups[bare] ?? state.logGroups[`${bare}:*`];
  if (other) return other;
  for (const group of Object.values(state.logGroups)) {
    if (bareLogGroupArn(group.arn) === bare) return group;
  }
  return undefined;
}

/** Deduplicated, in first-seen order, without empty entries. */
export function uniqueEvidence(arns: (string | undefined)[]): string[] {
  // Evidence lists are a handful of ARNs: a linear scan beats allocating a Set.
  const out: string[] = [];
  for (const arn of arns) if (arn && !out.includes(arn)) out.push(arn);
  return out;
}
