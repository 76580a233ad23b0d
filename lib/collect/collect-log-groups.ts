// A trail's CloudWatch Logs group, read in the account of its ARN, once per run: the group's
// metric filters, the alarms on those filters' metrics, the confirmed subscriptions of the
// alarms' SNS topics (the CIS CloudWatch.1–14 chain), and its retention. Alarms are read with one DescribeAlarms
// listing per account and region (shared by every log group there) rather than one
// DescribeAlarmsForMetric per metric: fourteen CIS metrics would otherwise cost fourteen calls.
import { redactRawEvidence } from "@/lib/collect/redact-evidence";
import { DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import {
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  type MetricFilter,
} from "@aws-sdk/client-cloudwatch-logs";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { assumeInto } from "@/lib/collect/assume-into";
import { trimResponse, type CallRecorder } from "@/lib/collect/call-recorder";
import { arnAccount, arnRegion } from "@/lib/collect/normalize-trail";
import { sharedRead, type RunContext, type SharedRead } from "@/lib/collect/run-context";
import type { AlarmState, LogGroupState, MetricFilterState, SnsTopicState } from "@/lib/collect/snapshot-types";

/** `arn:aws:logs:us-east-1:123456789012:log-group:NAME:*` → NAME. */
export function logGroupName(arn: string): string {
  const rest = arn.split(":log-group:")[1] ?? "";
  return rest.endsWith(":*") ? rest.slice(0, -2) : rest;
}

/** Pages a NextToken call; null when a page failed (already recorded). */
async function allPages<T, R>(
  call: (token?: string) => Promise<{ ok: true; value: R } | { ok: false }>,
  items: (r: R) => T[],
  next: (r: R) => string | undefined,
): Promise<T[] | null> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const res = await call(token);
    if (!res.ok) return null;
    out.push(...items(res.value));
    token = next(res.value);
  } while (token);
  return out;
}

function alarmsIn(
  ctx: RunContext,
  trigger: CallRecorder,
  accountId: string,
  region: string,
): Promise<SharedRead<MetricAlarm[] | null>> {
  return sharedRead(ctx, `alarms:${accountId}:${region}`, trigger, async (rec) => {
    const cw = ctx.client("cloudwatch", accountId, region);
    return allPages(
      (NextToken) =>
        rec.call(
          { service: "cloudwatch", operation: "DescribeAlarms", region, accountId },
          () => cw.send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken })),
          {
            keepRaw: false, // the log groups keep the alarms that concern them
          },
        ),
      (r) => r.MetricAlarms ?? [],
      (r) => r.NextToken,
    );
  });
}

function topic(ctx: RunContext, trigger: CallRecorder, arn: string): Promise<SharedRead<SnsTopicState>> {
  return sharedRead(ctx, `topic:${arn}`, trigger, async (rec) => {
    const accountId = arnAccount(arn);
    const region = arnRegion(arn);
    if (!ctx.isOrgAccount(accountId) || !(await assumeInto(ctx, rec, accountId)).ok)
      return { arn, subscriptionCount: null };
    const sns = ctx.client("sns", accountId, region);
    const subs = await allPages(
      (NextToken) =>
        rec.call({ service: "sns", operation: "ListSubscriptionsByTopic", region, accountId, resource: arn }, () =>
          sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn, NextToken })),
        ),
      (r) => r.Subscriptions ?? [],
      (r) => r.NextToken,
    );
    if (!subs) return { arn, subscriptionCount: null };
    const confirmed = subs.filter(
      (s) => s.SubscriptionArn && s.SubscriptionArn !== "PendingConfirmation" && s.SubscriptionArn !== "Deleted",
    );
    return { arn, subscriptionCount: confirmed.length };
  });
}

function toFilter(f: MetricFilter): MetricFilterState {
  return {
    name: f.filterName ?? "",
    pattern: f.filterPattern ?? "",
    metricTransformations: (f.metricTransformations ?? []).map((m) => ({
      metricName: m.metricName ?? "",
      metricNamespace: m.metricNamespace ?? "",
      metricValue: m.metricValue ?? "",
    })),
  };
}

function toAlarm(a: MetricAlarm): AlarmState {
  return {
    name: a.AlarmName ?? "",
    arn: a.AlarmArn ?? "",
    metricName: a.MetricName,
    namespace: a.Namespace,
    statistic: a.Statistic,
    period: a.Period,
    threshold: a.Threshold,
    comparisonOperator: a.ComparisonOperator,
    evaluationPeriods: a.EvaluationPeriods,
    treatMissingData: a.TreatMissingData,
    actionsEnabled: a.ActionsEnabled ?? true,
    alarmActions: a.AlarmActions ?? [],
  };
}

export function readLogGroup(ctx: RunContext, trigger: CallRecorder, arn: string): Promise<SharedRead<LogGroupState>> {
  return sharedRead(ctx, `log-group:${arn}`, trigger, async (rec) => {
    const accountId = arnAccount(arn);
    const region = arnRegion(arn);
    const name = logGroupName(arn);
    const state: LogGroupState = {
      arn,
      name,
      accountId,
      region,
      readStatus: "no_data",
      metricFilters: [],
      alarms: [],
      topics: [],
    };
    if (!ctx.isOrgAccount(accountId)) {
      state.reason = `account ${accountId} is outside the organization`;
      return state;
    }
    if (!(await assumeInto(ctx, rec, accountId)).ok) {
      state.readStatus = "error";
      return state;
    }
    const logs = ctx.client("logs", accountId, region);
    const target = (operation: string) => ({ service: "logs", operation, region, accountId, resource: name });
    // DescribeMetricFilters also tells whether the group exists (ResourceNotFoundException).
    const filters: MetricFilter[] = [];
    let ok = true;
    let nextToken: string | undefined;
    do {
      const page = await rec.call(
        target("DescribeMetricFilters"),
        () => logs.send(new DescribeMetricFiltersCommand({ logGroupName: name, nextToken })),
        {
          expectedErrors: ["ResourceNotFoundException"],
        },
      );
      if (!page.ok) {
        if (page.expected) state.reason = "the log group does not exist";
        else ok = false;
        break;
      }
      filters.push(...(page.value.metricFilters ?? []));
      nextToken = page.value.nextToken;
    } while (nextToken);
    state.metricFilters = filters.map(toFilter);

    // Retention is informational (no control judges it): read only for a group that carries metric
    // filters, in parallel with its alarms, so a logs-only group costs one call.
    if (state.metricFilters.length > 0) {
      const metrics = new Set(
        state.metricFilters.flatMap((f) => f.metricTransformations.map((m) => `${m.metricNamespace}|${m.metricName}`)),
      );
      const [groups, alarms] = await Promise.all([
        rec.call(target("DescribeLogGroups"), () =>
          logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 50 })),
        ),
        alarmsIn(ctx, rec, accountId, region),
      ]);
      if (groups.ok)
        state.retentionInDays = (groups.value.logGroups ?? []).find((g) => g.logGroupName === name)?.retentionInDays;
      rec.merge(alarms.evidence);
      if (alarms.value === null) ok = false;
      const matched = (alarms.value ?? []).filter((a) => metrics.has(`${a.Namespace}|${a.MetricName}`));
      state.alarms = matched.map(toAlarm);
      rec.raw[`cloudwatch DescribeAlarms ${accountId} ${region} ${name}`] = redactRawEvidence(
        "cloudwatch:DescribeAlarms",
        trimResponse({ MetricAlarms: matched }),
      );
    }

    const topicArns = [
      ...new Set(
        state.alarms.flatMap((a) => a.alarmActions).filter((a) => a.startsWith("arn:") && a.split(":")[2] === "sns"),
      ),
    ];
    const topics = await Promise.all(topicArns.map((t) => topic(ctx, rec, t)));
    for (const t of topics) rec.merge(t.evidence);
    state.topics = topics.map((t) => t.value);
    state.readStatus = ok ? "ok" : "error";
    return state;
  });
}
