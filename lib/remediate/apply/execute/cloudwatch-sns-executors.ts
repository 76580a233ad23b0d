// CloudWatch alarm and SNS executors. An alarm of our name already configured as planned is left
// alone (PutMetricAlarm would otherwise reset its state); the topic is looked up by its ARN before
// it is created; an e-mail address already subscribed (or pending confirmation) is not subscribed again.
import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SubscribeCommand,
  type CreateTopicCommandInput,
} from "@aws-sdk/client-sns";
import { changed, hasCode, input, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";

const ALARM_FIELDS = [
  "MetricName",
  "Namespace",
  "Statistic",
  "Period",
  "EvaluationPeriods",
  "Threshold",
  "ComparisonOperator",
  "TreatMissingData",
  "ActionsEnabled",
] as const;

const putMetricAlarm: Executor = async ({ clients }, params) => {
  const name = String(params.AlarmName);
  const found = (await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
  if (found) {
    const same =
      ALARM_FIELDS.every((f) => found[f] === params[f]) &&
      JSON.stringify(found.AlarmActions ?? []) === JSON.stringify(params.AlarmActions);
    if (same) return unchanged({ AlarmArn: found.AlarmArn ?? null });
  }
  await clients.cloudwatch.send(new PutMetricAlarmCommand(input<PutMetricAlarmCommandInput>(params)));
  return changed({ AlarmName: name });
};

const createTopic: Executor = async ({ clients, step }, params) => {
  try {
    await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: step.resource }));
    return unchanged({ TopicArn: step.resource });
  } catch (err) {
    if (!hasCode(err, "NotFound", "NotFoundException", "404")) throw err;
  }
  const out = await clients.sns.send(new CreateTopicCommand(input<CreateTopicCommandInput>(params)));
  return changed({ TopicArn: out.TopicArn ?? step.resource });
};

const subscribe: Executor = async ({ clients }, params) => {
  const topic = String(params.TopicArn);
  let nextToken: string | undefined;
  do {
    const page = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, NextToken: nextToken }));
    const same = page.Subscriptions?.find((s) => s.Protocol === params.Protocol && s.Endpoint === params.Endpoint);
    if (same) return unchanged({ SubscriptionArn: same.SubscriptionArn ?? null });
    nextToken = page.NextToken;
  } while (nextToken);
  const out = await clients.sns.send(
    new SubscribeCommand({
      TopicArn: topic,
      Protocol: String(params.Protocol),
      Endpoint: String(params.Endpoint),
      ReturnSubscriptionArn: true,
    }),
  );
  return changed({ SubscriptionArn: out.SubscriptionArn ?? null });
};

export const CLOUDWATCH_EXECUTORS: Record<string, Executor> = { PutMetricAlarm: putMetricAlarm };
export const SNS_EXECUTORS: Record<string, Executor> = { CreateTopic: createTopic, Subscribe: subscribe };
