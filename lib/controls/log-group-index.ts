// Lookup tables over one log group's metric filters, alarms and topics, built once per log group
// and shared by the fourteen CloudWatch.x controls (each would otherwise rescan every filter).
import type { AlarmState, LogGroupState, MetricFilterState, SnsTopicState } from "@/lib/collect/snapshot-types";
import { patternKey, patternTokens, patternValues, type PatternTokens } from "@/lib/controls/filter-pattern";

export interface LogGroupIndex {
  group: LogGroupState;
  /** Filters by their whitespace-insensitive pattern key. */
  filtersByKey: Map<string, MetricFilterState[]>;
  /** Alarms by namespace, then metric name (nested, so lookups build no key strings). */
  alarmsByMetric: Map<string, Map<string, AlarmState[]>>;
  /** Alarms by metric name alone, to point out an alarm in the wrong namespace. */
  alarmsByMetricName: Map<string, AlarmState[]>;
  topicsByArn: Map<string, SnsTopicState>;
  /** Tokens and tested values of every filter, computed on first need (only when a control finds no exact match). */
  filterTokens: () => TokenizedFilter[];
}

export interface TokenizedFilter {
  filter: MetricFilterState;
  tokens: PatternTokens;
  values: Set<string>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Built per evaluation and dropped with it: caching indexes beyond one account would keep them
// alive as long as the snapshots, which costs more in GC than rebuilding saves.
export function indexLogGroup(group: LogGroupState): LogGroupIndex {
  const filtersByKey = new Map<string, MetricFilterState[]>();
  for (const filter of group.metricFilters) push(filtersByKey, patternKey(filter.pattern), filter);
  const alarmsByMetric = new Map<string, Map<string, AlarmState[]>>();
  const alarmsByMetricName = new Map<string, AlarmState[]>();
  for (const alarm of group.alarms) {
    if (alarm.metricName === undefined) continue;
    const namespace = alarm.namespace ?? "";
    let byName = alarmsByMetric.get(namespace);
    if (!byName) alarmsByMetric.set(namespace, (byName = new Map()));
    push(byName, alarm.metricName, alarm);
    push(alarmsByMetricName, alarm.metricName, alarm);
  }
  let tokenized: TokenizedFilter[] | undefined;
  return {
    group,
    filtersByKey,
    alarmsByMetric,
    alarmsByMetricName,
    topicsByArn: new Map(group.topics.map((t) => [t.arn, t])),
    filterTokens: () =>
      (tokenized ??= group.metricFilters.map((filter) => {
        const tokens = patternTokens(filter.pattern);
        return { filter, tokens, values: patternValues(tokens) };
      })),
  };
}
