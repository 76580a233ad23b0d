// CloudWatch.1–14: the trail → log group → CIS filter → alarm → subscribed topic chain, and the
// organization trail credited to members.
import { describe, expect, it } from "vitest";
import type { TrailState } from "@/lib/collect/snapshot-types";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { runVerdictCases, type VerdictCase } from "./cases";
import {
  MGMT,
  cisAlarm,
  defaultLogGroup,
  editLogGroup as group,
  makeLogGroup,
  makeOrgTrail,
  makeSnapshot,
  makeTrail,
  topicArn,
  withAlarm,
} from "./fixtures";

function trail(overrides: Partial<TrailState>) {
  return () => makeSnapshot({ trails: [makeTrail(overrides)] });
}

const cases: VerdictCase[] = [
  {
    name: "complete chain passes and names filter, alarm and topic",
    control: "CloudWatch.1",
    state: () => makeSnapshot(),
    status: "PASSED",
    reason: new RegExp(
      "^alarm `RootAccountUsage-alarm` on metric `CISBenchmark/RootAccountUsage` of metric filter `RootAccountUsage` " +
        "\\(the CIS pattern\\) on log group `audit-logs` of trail `audit` in us-east-1 notifies topic " +
        ".*security-alerts \\(1 subscription\\)$",
    ),
    evidence: ["arn:aws:logs:us-east-1:111111111111:log-group:audit-logs:metric-filter:RootAccountUsage", topicArn()],
  },
  {
    name: "alarm whose topic has no subscriptions fails",
    control: "CloudWatch.2",
    state: group((g) => ({ ...g, topics: [{ arn: topicArn(), subscriptionCount: 0 }] })),
    status: "FAILED",
    reason:
      /alarm `UnauthorizedAPICalls-alarm` .* notifies topic .*security-alerts, which has no confirmed subscriptions/,
  },
  {
    name: "alarm on a different metric leaves the filter's metric unwatched",
    control: "CloudWatch.1",
    state: group((g) => withAlarm(g, "CloudWatch.1", cisAlarm("CloudWatch.1", { metricName: "SomethingElse" }))),
    status: "FAILED",
    reason: /no alarm watches metric `CISBenchmark\/RootAccountUsage` of metric filter `RootAccountUsage`/,
  },
  {
    name: "alarm with the right metric name in another namespace is pointed out",
    control: "CloudWatch.1",
    state: group((g) => withAlarm(g, "CloudWatch.1", cisAlarm("CloudWatch.1", { namespace: "LogMetrics" }))),
    status: "FAILED",
    reason: /watches `LogMetrics\/RootAccountUsage`: a different namespace/,
  },
  {
    name: "alarm with actions disabled fails",
    control: "CloudWatch.4",
    state: group((g) => withAlarm(g, "CloudWatch.4", cisAlarm("CloudWatch.4", { actionsEnabled: false }))),
    status: "FAILED",
    reason: /alarm `IAMPolicyChanges-alarm` .* has its actions disabled/,
  },
  {
    name: "alarm without an SNS action fails",
    control: "CloudWatch.4",
    state: group((g) =>
      withAlarm(g, "CloudWatch.4", cisAlarm("CloudWatch.4", { alarmActions: ["arn:aws:automate:us-east-1:ec2:stop"] })),
    ),
    status: "FAILED",
    reason: /has no SNS topic action/,
  },
  {
    name: "topic with unknown subscriptions is ERROR",
    control: "CloudWatch.7",
    state: group((g) => ({ ...g, topics: [{ arn: topicArn(), subscriptionCount: null }] })),
    status: "ERROR",
    reason: /whose subscriptions could not be read/,
  },
  {
    name: "organization trail's filters and alarms are credited to a member, and the reason says so",
    control: "CloudWatch.8",
    state: () => makeSnapshot({ trails: [makeOrgTrail()] }),
    status: "PASSED",
    reason: new RegExp(
      "log group `org-trail-logs` of organization trail `org-trail` in us-east-1 \\(management account 999999999999\\)" +
        ".*; credited from the organization trail, whose log group and alarms live in management account 999999999999$",
    ),
  },
  {
    name: "log group outside our reach is NO_DATA",
    control: "CloudWatch.9",
    state: group((g) => ({ ...g, readStatus: "no_data", metricFilters: [], alarms: [], topics: [] })),
    status: "NO_DATA",
    reason:
      /log group `audit-logs` of trail `audit` in us-east-1 could not be read: it is owned outside the organization/,
  },
  {
    name: "log group whose read failed is ERROR naming the call",
    control: "CloudWatch.9",
    state: () => {
      const g = { ...defaultLogGroup(), readStatus: "error" as const, metricFilters: [] };
      return makeSnapshot({
        logGroups: { [g.arn]: g },
        errors: [
          {
            service: "logs",
            operation: "DescribeMetricFilters",
            resource: "audit-logs",
            kind: "throttled",
            code: "ThrottlingException",
            message: "x",
          },
        ],
      });
    },
    status: "ERROR",
    reason: /could not be read \(DescribeMetricFilters failed \(ThrottlingException\)\)/,
  },
  {
    name: "a log group that does not exist fails, saying so",
    control: "CloudWatch.9",
    state: group((g) => ({ ...g, metricFilters: [], alarms: [], topics: [], reason: "the log group does not exist" })),
    status: "FAILED",
    reason: /has no metric filter with the CIS pattern for AWS Config changes \(the log group does not exist\)/,
  },
  {
    name: "multi-region trail without a log group fails",
    control: "CloudWatch.11",
    state: trail({ cloudWatchLogsLogGroupArn: undefined }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 does not deliver to CloudWatch Logs/,
  },
  {
    name: "only single-region trails: fails",
    control: "CloudWatch.12",
    state: trail({ isMultiRegionTrail: false }),
    status: "FAILED",
    reason: /no applicable trail is multi-region \(trail `audit` in us-east-1 is single-region\)/,
  },
  {
    name: "a stopped trail's log group cannot be relied on",
    control: "CloudWatch.13",
    state: trail({ status: { isLogging: false } }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 is not logging, so no CIS metric filter on its log group can be relied on/,
  },
  {
    name: "CloudWatch Logs delivery error turns a pass into WARNING",
    control: "CloudWatch.14",
    state: trail({ status: { isLogging: true, latestCloudWatchLogsDeliveryError: "ResourceNotFoundException" } }),
    status: "WARNING",
    reason: /delivery error "ResourceNotFoundException", so the alarm may never fire/,
  },
  {
    name: "unknown trail status never passes",
    control: "CloudWatch.1",
    state: trail({ status: null }),
    status: "ERROR",
    reason: /, but trail `audit` in us-east-1 has a status that could not be read \(GetTrailStatus failed/,
  },
  {
    name: "log group keyed by its ARN without ':*' is still found",
    control: "CloudWatch.1",
    state: () => {
      const g = { ...defaultLogGroup(), arn: "arn:aws:logs:us-east-1:111111111111:log-group:audit-logs" };
      return { ...makeSnapshot(), logGroups: { [g.arn]: g } };
    },
    status: "PASSED",
    reason: /notifies topic/,
  },
  {
    name: "no trail at all fails",
    control: "CloudWatch.1",
    state: () => makeSnapshot({ trails: [] }),
    status: "FAILED",
    reason: /no trail applies to this account/,
  },
  {
    name: "a passing owned trail wins over a failing organization trail",
    control: "CloudWatch.2",
    state: () => {
      const org = makeOrgTrail();
      const orgGroup = makeLogGroup(org.cloudWatchLogsLogGroupArn ?? "", { metricFilters: [] });
      return makeSnapshot({ trails: [org, makeTrail()], logGroups: { [orgGroup.arn]: orgGroup } });
    },
    status: "PASSED",
    reason: /of trail `audit` in us-east-1 notifies/,
  },
];

describe("CloudWatch.1–14", () => {
  runVerdictCases(cases);

  it("passes all fourteen controls on a complete log group", () => {
    const verdicts = evaluateAccount(makeSnapshot(), { requiredTagKeys: [] }).filter((v) =>
      v.controlId.startsWith("CloudWatch."),
    );
    expect(verdicts.map((v) => [v.controlId, v.status])).toEqual(CLOUDWATCH_CONTROL_IDS.map((id) => [id, "PASSED"]));
  });

  it("credits the management account's alarms in MGMT evidence", () => {
    const verdicts = evaluateAccount(makeSnapshot({ trails: [makeOrgTrail()] }), { requiredTagKeys: [] });
    const cw1 = verdicts.find((v) => v.controlId === "CloudWatch.1");
    expect(cw1?.evidence).toContain(`arn:aws:cloudwatch:us-east-1:${MGMT}:alarm:RootAccountUsage-alarm`);
  });
});
