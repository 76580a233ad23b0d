// The CIS metric filters and alarms (CloudWatch.1–14) on a trail's log group, alarming to an SNS
// topic with an email subscription. "partial" seeds the near misses users actually have.
import { PutMetricAlarmCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { PutMetricFilterCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from "@aws-sdk/client-sns";

import { CIS_FILTERS, CIS_METRIC_NAMESPACE, type CisFilter } from "@/sim/cis-patterns";
import { SimulatorError } from "@/sim/simulator-error";

type Clients = { logs: CloudWatchLogsClient; cloudwatch: CloudWatchClient; sns: SNSClient };

export const ALERT_EMAIL = "security-alerts@acme-corp.example";

async function createTopic(sns: SNSClient, name: string, email: string | null): Promise<string> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  if (!TopicArn) throw new SimulatorError(`CreateTopic ${name} returned no ARN`);
  if (email) await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: email }));
  return TopicArn;
}

async function putFilter(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  filter: CisFilter,
  pattern = filter.pattern,
): Promise<void> {
  // put_metric_filter with an existing name appends a duplicate in moto: each name is put once.
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName,
      filterName: `CIS-${filter.controlId}-${filter.metricName}`,
      filterPattern: pattern,
      metricTransformations: [
        { metricName: filter.metricName, metricNamespace: CIS_METRIC_NAMESPACE, metricValue: "1" },
      ],
    }),
  );
}

async function putAlarm(cloudwatch: CloudWatchClient, filter: CisFilter, topicArn: string): Promise<void> {
  // As CIS and AWS's own remediation make them.
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: `CIS-${filter.controlId}-${filter.metricName}`,
      AlarmDescription: `CIS ${filter.controlId}: ${filter.watches}`,
      MetricName: filter.metricName,
      Namespace: CIS_METRIC_NAMESPACE,
      Statistic: "Sum",
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
      ActionsEnabled: true,
      AlarmActions: [topicArn],
    }),
  );
}

/**
 * Seeds the filters and alarms; returns the CloudWatch.N controls fully satisfied on this log group.
 * partial: CloudWatch.1–5 complete; .6 pattern with an extra term (Security Hub rejects it);
 * .7 alarm whose topic has no subscription; .8 filter without alarm; .9–.14 absent.
 */
export async function createCisAlarms(
  clients: Clients,
  logGroupName: string,
  mode: "all" | "partial",
): Promise<string[]> {
  const topicArn = await createTopic(clients.sns, "cis-alarms", ALERT_EMAIL);
  if (mode === "all") {
    for (const filter of CIS_FILTERS) {
      await putFilter(clients.logs, logGroupName, filter);
      await putAlarm(clients.cloudwatch, filter, topicArn);
    }
    return CIS_FILTERS.map((f) => f.controlId);
  }

  const [f1, f2, f3, f4, f5, f6, f7, f8] = CIS_FILTERS;
  if (!f1 || !f2 || !f3 || !f4 || !f5 || !f6 || !f7 || !f8) throw new SimulatorError("CIS filter table is incomplete");
  for (const filter of [f1, f2, f3, f4, f5]) {
    await putFilter(clients.logs, logGroupName, filter);
    await putAlarm(clients.cloudwatch, filter, topicArn);
  }
  await putFilter(clients.logs, logGroupName, f6, f6.pattern.replace(/\}$/, ' && ($.sourceIPAddress != "10.0.0.1")}'));
  await putAlarm(clients.cloudwatch, f6, topicArn);
  await putFilter(clients.logs, logGroupName, f7);
  await putAlarm(clients.cloudwatch, f7, await createTopic(clients.sns, "cis-alarms-unsubscribed", null));
  await putFilter(clients.logs, logGroupName, f8);
  return [f1, f2, f3, f4, f5].map((f) => f.controlId);
}
