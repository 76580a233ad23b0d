// Steps for CloudWatch.1–14: the alarm topic (and its e-mail subscription), the metric filters
// with AWS's CIS patterns byte for byte, and the alarms as CIS builds them (Sum of 1 per match
// over 300 s, at least 1, missing data is not breaching, one evaluation period).
import { CIS_ALARM_SETTINGS } from "@/lib/controls/cis-patterns";
import type { CisNeed, PlanInputs } from "@/lib/remediate/plan/plan-needs";
import { alarmArn } from "@/lib/remediate/plan/resource-names";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

export function emitCisAlarms(list: StepList, inputs: PlanInputs, need: CisNeed): void {
  const n = inputs.names;
  const controls = need.alarms.map((a) => a.controlId);
  if (need.createTopic) {
    list.add(
      makeStep({
        title: `Ensure SNS topic ${need.topicName}`,
        why: "the CIS alarms notify this topic (CloudWatch.x needs an alarm action to a subscribed topic)",
        controls,
        service: "sns",
        operation: "CreateTopic",
        region: need.region,
        targetAccountId: need.accountId,
        resource: need.topicArn,
        action: "create",
        changes: [{ attribute: "Topic", from: null, to: need.topicName }],
        params: { Name: need.topicName, Tags: [{ Key: "ManagedBy", Value: "trailwarden" }] },
      }),
    );
  }
  if (need.subscribeEmail) {
    list.add(
      makeStep({
        title: `Subscribe ${need.subscribeEmail} to ${need.topicName}`,
        why: "an alarm is only useful if someone receives it (CloudWatch.x counts confirmed subscriptions)",
        controls,
        service: "sns",
        operation: "Subscribe",
        region: need.region,
        targetAccountId: need.accountId,
        resource: need.topicArn,
        action: "create",
        changes: [{ attribute: "Subscription", from: null, to: `email ${need.subscribeEmail}` }],
        params: {
          TopicArn: need.topicArn,
          Protocol: "email",
          Endpoint: need.subscribeEmail,
          ReturnSubscriptionArn: true,
        },
      }),
    );
  }
  for (const f of need.filters) {
    list.add(
      makeStep({
        title: `Metric filter ${f.filterName} on ${need.groupName}`,
        why: `${f.controlId}: ${need.alarms.find((a) => a.controlId === f.controlId)?.reason ?? "no exact CIS filter"}`,
        controls: [f.controlId],
        service: "logs",
        operation: "PutMetricFilter",
        region: need.region,
        targetAccountId: need.accountId,
        resource: `${need.groupArn}:metric-filter:${f.filterName}`,
        action: "create",
        changes: [{ attribute: "filterPattern", from: null, to: f.pattern }],
        params: {
          logGroupName: need.groupName,
          filterName: f.filterName,
          filterPattern: f.pattern,
          metricTransformations: [
            { metricName: f.metricName, metricNamespace: f.namespace, metricValue: CIS_ALARM_SETTINGS.metricValue },
          ],
        },
      }),
    );
  }
  for (const a of need.alarms) {
    list.add(
      makeStep({
        title: `Alarm ${a.alarmName} on ${a.namespace}/${a.metricName}`,
        why: `${a.controlId}: ${a.reason}`,
        controls: [a.controlId],
        service: "cloudwatch",
        operation: "PutMetricAlarm",
        region: need.region,
        targetAccountId: need.accountId,
        resource: alarmArn(n, need.accountId, need.region, a.alarmName),
        action: "create",
        changes: [
          {
            attribute: "Alarm",
            from: null,
            to: `${a.namespace}/${a.metricName} Sum ≥ 1 over 300 s → ${need.topicName}`,
          },
        ],
        params: {
          AlarmName: a.alarmName,
          AlarmDescription: `CIS ${a.controlId} (created by Trailwarden)`,
          ActionsEnabled: true,
          AlarmActions: [need.topicArn],
          MetricName: a.metricName,
          Namespace: a.namespace,
          Statistic: CIS_ALARM_SETTINGS.statistic,
          Period: CIS_ALARM_SETTINGS.periodSeconds,
          EvaluationPeriods: CIS_ALARM_SETTINGS.evaluationPeriods,
          Threshold: CIS_ALARM_SETTINGS.threshold,
          ComparisonOperator: CIS_ALARM_SETTINGS.comparisonOperator,
          TreatMissingData: CIS_ALARM_SETTINGS.treatMissingData,
        },
      }),
    );
  }
}
