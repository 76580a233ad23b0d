// CloudWatch.1–14 on the primary trail's log group: for each control whose chain does not pass,
// a metric filter with exactly AWS's CIS pattern (unless one already exists: CloudWatch Logs
// would add a duplicate), an alarm on its metric as CIS builds it, and an SNS topic with a
// subscriber. The topic is, in order: an already subscribed topic of the log group's alarms, the
// configured existing topic (alarmTopicArn), or a topic of our own subscribed to alarmEmail. With
// none of these the plan asks for a destination instead of creating a topic nobody would read.
import type { LogGroupState } from "@/lib/collect/snapshot-types";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE } from "@/lib/controls/cis-patterns";
import { patternKey } from "@/lib/controls/filter-pattern";
import { judgeMetricFilterChain } from "@/lib/controls/judge-metric-filter-chain";
import { indexLogGroup, type LogGroupIndex } from "@/lib/controls/log-group-index";
import { CLOUDWATCH_CONTROL_IDS, type CloudWatchControlId } from "@/lib/controls/types";
import type { CisNeed, PlanInputs, PlanNeeds } from "@/lib/remediate/plan/plan-needs";
import { alarmTopicName, arnParts, cisResourceName, topicArn } from "@/lib/remediate/plan/resource-names";
import { bareLogGroupArn, logGroupName } from "@/lib/controls/evidence";

/** The plan's note when it needs an alarm destination (the UI and CLI ask for one). */
export const ALARM_DESTINATION_NEEDED = "alarm-destination-needed";

/** Used when CISBenchmark/<metric> is already fed by a filter with another pattern. */
export const FALLBACK_NAMESPACE = "Trailwarden/CIS";

export interface CisTarget {
  /** The log group ARN the primary trail delivers to (existing or planned). */
  groupArn: string;
  /** Its snapshot state; undefined when the plan creates it. */
  group: LogGroupState | undefined;
}

function acceptedKeys(id: CloudWatchControlId): Set<string> {
  const spec = CIS_METRIC_FILTERS[id];
  return new Set([spec.pattern, ...spec.alternativePatterns].map(patternKey));
}

function existingExactMetric(
  index: LogGroupIndex | undefined,
  id: CloudWatchControlId,
): { metricName: string; namespace: string } | undefined {
  if (!index) return undefined;
  for (const key of acceptedKeys(id)) {
    for (const filter of index.filtersByKey.get(key) ?? []) {
      const mt = filter.metricTransformations[0];
      if (mt) return { metricName: mt.metricName, namespace: mt.metricNamespace };
    }
  }
  return undefined;
}

type TopicChoice = Pick<CisNeed, "topicArn" | "topicName" | "createTopic" | "subscribeEmail">;

function chooseTopic(
  index: LogGroupIndex | undefined,
  inputs: PlanInputs,
  accountId: string,
  region: string,
): TopicChoice | { missing: string } {
  const ownName = alarmTopicName(inputs.names);
  const ownArn = topicArn(inputs.names, accountId, region, ownName);
  const subscribed = [...(index?.topicsByArn.values() ?? [])].filter((t) => {
    const p = arnParts(t.arn);
    return (t.subscriptionCount ?? 0) > 0 && p.accountId === accountId && p.region === region;
  });
  const reuse = subscribed.find((t) => t.arn === ownArn) ?? subscribed[0];
  if (reuse)
    return {
      topicArn: reuse.arn,
      topicName: reuse.arn.split(":").pop() ?? ownName,
      createTopic: false,
      subscribeEmail: null,
    };
  const configured = inputs.settings.alarmTopicArn;
  if (configured) {
    // CloudWatch alarms notify topics of their own region only.
    if (arnParts(configured).region !== region)
      return { missing: `the configured alarm topic ${configured} is not in ${region}, the log group's region` };
    return { topicArn: configured, topicName: configured.split(":").pop()!, createTopic: false, subscribeEmail: null };
  }
  if (inputs.settings.alarmEmail)
    return { topicArn: ownArn, topicName: ownName, createTopic: true, subscribeEmail: inputs.settings.alarmEmail };
  return { missing: "no alarm e-mail or existing SNS topic is configured" };
}

export function planCisFixes(needs: PlanNeeds, inputs: PlanInputs, target: CisTarget, failing: Set<string>): void {
  const groupArn = bareLogGroupArn(target.groupArn);
  const { accountId, region } = arnParts(groupArn);
  const name = logGroupName(groupArn);
  if (target.group && target.group.readStatus !== "ok") {
    needs.notes.push({
      code: "log-group-unreadable",
      message: `log group \`${name}\` in account ${accountId} could not be read (${target.group.reason ?? target.group.readStatus}); CIS filters and alarms are not planned`,
      controls: [...CLOUDWATCH_CONTROL_IDS],
    });
    return;
  }
  const index = target.group ? indexLogGroup(target.group) : undefined;
  const topic = chooseTopic(index, inputs, accountId, region);
  const need: CisNeed = {
    accountId,
    region,
    groupName: name,
    groupArn,
    ...("missing" in topic ? { topicArn: "", topicName: "", createTopic: false, subscribeEmail: null } : topic),
    filters: [],
    alarms: [],
  };
  const filterNames = new Set(target.group?.metricFilters.map((f) => f.name) ?? []);
  for (const id of CLOUDWATCH_CONTROL_IDS) {
    if (!failing.has(id)) continue;
    const chain = index ? judgeMetricFilterChain(index, id, `log group \`${name}\``) : undefined;
    if (chain?.status === "PASSED") continue;
    const spec = CIS_METRIC_FILTERS[id];
    let metric = existingExactMetric(index, id);
    if (!metric) {
      // Another filter already feeding CISBenchmark/<metric> with a different pattern would mix its
      // counts into the alarm: publish to a namespace of our own instead.
      const taken = target.group?.metricFilters.some((f) =>
        f.metricTransformations.some(
          (m) => m.metricNamespace === CIS_METRIC_NAMESPACE && m.metricName === spec.metricName,
        ),
      );
      metric = { metricName: spec.metricName, namespace: taken ? FALLBACK_NAMESPACE : CIS_METRIC_NAMESPACE };
      let filterName = cisResourceName(inputs.names, id);
      // PutMetricFilter on an existing name would overwrite (AWS) or duplicate (moto) that filter.
      if (filterNames.has(filterName)) filterName = `${filterName}-exact`;
      need.filters.push({ controlId: id, filterName, pattern: spec.pattern, ...metric });
    }
    const reason = chain?.reason ?? `the new log group \`${name}\` has no CIS metric filter for ${spec.watches}`;
    need.alarms.push({ controlId: id, alarmName: cisResourceName(inputs.names, id), ...metric, reason });
  }
  if (need.filters.length === 0 && need.alarms.length === 0) return;
  if ("missing" in topic) {
    needs.notes.push({
      code: ALARM_DESTINATION_NEEDED,
      message: `The CIS alarms need someone to notify and ${topic.missing}: give an alarm e-mail (a topic is created and subscribed) or an existing SNS topic ARN in ${region}, then plan again`,
      controls: need.alarms.map((a) => a.controlId),
    });
    return;
  }
  if (need.subscribeEmail) {
    needs.notes.push({
      code: "confirm-subscription",
      message: `AWS e-mails ${need.subscribeEmail} a confirmation link for topic \`${need.topicName}\`; CloudWatch.x passes once the subscription is confirmed`,
      controls: [],
    });
  }
  needs.cis = need;
}
