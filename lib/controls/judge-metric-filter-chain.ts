// For one CloudWatch.x control and one log group: is there a metric filter with exactly the CIS
// pattern, an alarm on that filter's metric (name and namespace), and an SNS topic action with at
// least one confirmed subscription? Any complete chain passes. Otherwise the outcome reports how
// far the best chain got (`stage`), so the reason names the step an engineer must fix.
import type { AlarmState, MetricFilterState } from "@/lib/collect/snapshot-types";
import type { CloudWatchControlId } from "@/lib/controls/types";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import {
  describeDifference,
  diffPatterns,
  isNearPattern,
  patternKey,
  patternValues,
  tokenizePattern,
  type PatternTokens,
} from "@/lib/controls/filter-pattern";
import { metricFilterArn } from "@/lib/controls/evidence";
import type { LogGroupIndex } from "@/lib/controls/log-group-index";

export interface StagedOutcome<S extends string> {
  status: S;
  /** How far the chain got: higher is closer to passing (used to pick the most useful failure). */
  stage: number;
  reason: string;
  evidence: (string | undefined)[];
}

export type ChainOutcome = StagedOutcome<"PASSED" | "FAILED" | "ERROR">;

interface AcceptedPattern {
  key: string;
  tokens: PatternTokens;
  values: Set<string>;
  variant: string;
}

// Normalized once at load: 10,000 accounts × 14 controls must not re-tokenize AWS's patterns.
const ACCEPTED = new Map<CloudWatchControlId, AcceptedPattern[]>(
  Object.entries(CIS_METRIC_FILTERS).map(([id, spec]) => [
    id as CloudWatchControlId,
    [spec.pattern, ...spec.alternativePatterns].map((pattern, i) => ({
      key: patternKey(pattern),
      tokens: tokenizePattern(pattern),
      values: patternValues(tokenizePattern(pattern)),
      variant: i === 0 ? "the CIS pattern" : "the CIS pattern (Security Hub's longer variant)",
    })),
  ]),
);

function outcome(
  status: ChainOutcome["status"],
  stage: number,
  reason: string,
  evidence: (string | undefined)[],
): ChainOutcome {
  return { status, stage, reason, evidence };
}

/** arn:<partition>:sns:... (other alarm actions, e.g. Auto Scaling or EC2, notify nobody). */
function isSnsTopicArn(action: string): boolean {
  return SNS_ARN.test(action);
}
const SNS_ARN = /^arn:[^:]+:sns:/;

function judgeAlarm(index: LogGroupIndex, alarm: AlarmState, subject: string, filterArn: string): ChainOutcome {
  const label = `alarm \`${alarm.name}\` on ${subject}`;
  if (!alarm.actionsEnabled) return outcome("FAILED", 5, `${label} has its actions disabled`, [filterArn, alarm.arn]);
  let best: ChainOutcome | undefined;
  for (const topicArn of alarm.alarmActions) {
    if (!isSnsTopicArn(topicArn)) continue;
    const topic = index.topicsByArn.get(topicArn);
    const count = topic?.subscriptionCount ?? null;
    const evidence = [filterArn, alarm.arn, topicArn];
    if (count !== null && count >= 1) {
      const subs = count === 1 ? "1 subscription" : `${count} subscriptions`;
      return outcome("PASSED", 7, `${label} notifies topic ${topicArn} (${subs})`, evidence);
    }
    const why =
      count === 0
        ? "which has no confirmed subscriptions"
        : topic
          ? "whose subscriptions could not be read"
          : "which was not collected";
    best = pickBest(
      best,
      outcome(count === 0 ? "FAILED" : "ERROR", 6, `${label} notifies topic ${topicArn}, ${why}`, evidence),
    );
  }
  return best ?? outcome("FAILED", 5, `${label} has no SNS topic action`, [filterArn, alarm.arn]);
}

function judgeFilter(
  index: LogGroupIndex,
  filter: MetricFilterState,
  variant: string,
  groupLabel: string,
): ChainOutcome {
  const filterArn = metricFilterArn(index.group.arn, filter.name);
  const subject = `metric filter \`${filter.name}\` (${variant}) on ${groupLabel}`;
  if (filter.metricTransformations.length === 0) {
    return outcome("FAILED", 4, `${subject} publishes no metric`, [filterArn]);
  }
  let best: ChainOutcome | undefined;
  for (const mt of filter.metricTransformations) {
    const metric = `metric \`${mt.metricNamespace}/${mt.metricName}\``;
    const alarms = index.alarmsByMetric.get(mt.metricNamespace)?.get(mt.metricName) ?? [];
    if (alarms.length === 0) {
      const elsewhere = (index.alarmsByMetricName.get(mt.metricName) ?? []).map(
        (a) => `\`${a.name}\` watches \`${a.namespace ?? ""}/${a.metricName ?? ""}\``,
      );
      const hint = elsewhere.length > 0 ? ` (alarm ${elsewhere.join(", ")}: a different namespace)` : "";
      best = pickBest(best, outcome("FAILED", 4, `no alarm watches ${metric} of ${subject}${hint}`, [filterArn]));
      continue;
    }
    for (const alarm of alarms) {
      best = pickBest(best, judgeAlarm(index, alarm, `${metric} of ${subject}`, filterArn));
      if (best.status === "PASSED") return best;
    }
  }
  return best ?? outcome("FAILED", 4, `${subject} publishes no metric`, [filterArn]);
}

/** PASSED beats ERROR (unknown) beats FAILED; among failures the furthest stage wins. */
function rank(outcome: StagedOutcome<string>): number {
  return outcome.status === "PASSED" ? 2 : outcome.status === "ERROR" ? 1 : 0;
}

export function pickBest<T extends StagedOutcome<string>>(a: T | undefined, b: T): T {
  if (!a) return b;
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  return b.stage > a.stage ? b : a;
}

export function judgeMetricFilterChain(
  index: LogGroupIndex,
  controlId: CloudWatchControlId,
  groupLabel: string,
): ChainOutcome {
  const accepted = ACCEPTED.get(controlId) ?? [];
  const watches = CIS_METRIC_FILTERS[controlId].watches;
  let best: ChainOutcome | undefined;
  for (const pattern of accepted) {
    for (const filter of index.filtersByKey.get(pattern.key) ?? []) {
      best = pickBest(best, judgeFilter(index, filter, pattern.variant, groupLabel));
      if (best.status === "PASSED") return best;
    }
  }
  if (best) return best;
  // No exact match: name the closest filter and how it differs (Security Hub rejects extra terms).
  // A filter carrying the suggested metric name is meant for this control even if far off.
  const metricName = CIS_METRIC_FILTERS[controlId].metricName;
  let nearest: { filter: MetricFilterState; text: string; score: number } | undefined;
  for (const { filter, tokens, values } of index.filterTokens()) {
    const named = filter.name === metricName || filter.metricTransformations.some((mt) => mt.metricName === metricName);
    for (const pattern of accepted) {
      const diff = diffPatterns(tokens, pattern.tokens);
      if (!named && !isNearPattern(diff, values, pattern.values)) continue;
      const score = diff.similarity + (named ? 1 : 0);
      if (!nearest || score > nearest.score) {
        nearest = { filter, text: describeDifference(diff, values, pattern.values), score };
      }
    }
  }
  if (nearest) {
    const arn = metricFilterArn(index.group.arn, nearest.filter.name);
    return outcome(
      "FAILED",
      3,
      `metric filter \`${nearest.filter.name}\` on ${groupLabel} ${nearest.text} for ${watches}`,
      [arn],
    );
  }
  // The collector notes why a readable group has nothing, e.g. "the log group does not exist".
  const note = index.group.reason ? ` (${index.group.reason})` : "";
  return outcome("FAILED", 2, `${groupLabel} has no metric filter with the CIS pattern for ${watches}${note}`, []);
}
