// CloudWatch.1–14, the filter pattern step: exactly the CIS pattern, insignificant whitespace ignored,
// and a failure that names the difference.
import { describe } from "vitest";
import { runVerdictCases, type VerdictCase } from "./cases";
import { cisFilter, editLogGroup as group, withFilter } from "./fixtures";

const cases: VerdictCase[] = [
  {
    name: "whitespace-only differences outside quotes pass",
    control: "CloudWatch.1",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.1",
        cisFilter("CloudWatch.1", {
          pattern:
            '{ $.userIdentity.type = "Root"\n  && $.userIdentity.invokedBy   NOT EXISTS && $.eventType != "AwsServiceEvent" }',
        }),
      ),
    ),
    status: "PASSED",
    reason: /the CIS pattern/,
  },
  {
    name: "whitespace inside a quoted string is significant",
    control: "CloudWatch.6",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.6",
        cisFilter("CloudWatch.6", {
          pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed  authentication")}',
        }),
      ),
    ),
    status: "FAILED",
    reason: /has `"Failed {2}authentication"` where the CIS pattern has `"Failed authentication"`/,
  },
  {
    name: "extra terms fail, naming the added term",
    control: "CloudWatch.1",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.1",
        cisFilter("CloudWatch.1", {
          name: "root-usage",
          pattern:
            '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent" && $.sourceIPAddress != "10.0.0.1"}',
        }),
      ),
    ),
    status: "FAILED",
    reason:
      /metric filter `root-usage` on log group `audit-logs` of trail `audit` in us-east-1 adds `&& \$\.sourceIPAddress!="10\.0\.0\.1"` to the CIS pattern for root account use/,
  },
  {
    name: "a missing event name fails, naming what is lacking",
    control: "CloudWatch.5",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.5",
        cisFilter("CloudWatch.5", {
          pattern:
            "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging)}",
        }),
      ),
    ),
    status: "FAILED",
    reason: /lacks `\|\| \(\$\.eventName=StopLogging\)` from the CIS pattern for CloudTrail configuration changes/,
  },
  {
    name: "unquoted value where CIS quotes it is a difference",
    control: "CloudWatch.1",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.1",
        cisFilter("CloudWatch.1", {
          pattern:
            '{$.userIdentity.type=Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
        }),
      ),
    ),
    status: "FAILED",
    reason: /has `Root` where the CIS pattern has `"Root"`/,
  },
  {
    name: "a truncated CIS filter is named with the terms it lacks",
    control: "CloudWatch.4",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.4",
        cisFilter("CloudWatch.4", {
          name: "iam-changes",
          pattern: "{($.eventName=DeleteGroupPolicy) || ($.eventName=PutRolePolicy)}",
        }),
      ),
    ),
    status: "FAILED",
    reason:
      /metric filter `iam-changes` on log group `audit-logs` .* lacks DeleteRolePolicy, DeleteUserPolicy, PutGroupPolicy and 11 more compared with the CIS pattern for IAM policy changes/,
  },
  {
    name: "another control's filter is not mistaken for this one",
    control: "CloudWatch.6",
    state: group((g) => withFilter(g, "CloudWatch.6", null)),
    status: "FAILED",
    reason: /has no metric filter with the CIS pattern for console authentication failures/,
  },
  {
    name: "no filter at all fails",
    control: "CloudWatch.10",
    state: group((g) => withFilter(g, "CloudWatch.10", null)),
    status: "FAILED",
    reason:
      /log group `audit-logs` of trail `audit` in us-east-1 has no metric filter with the CIS pattern for security group changes/,
  },
  {
    name: "CloudWatch.3 accepts Security Hub's longer variant",
    control: "CloudWatch.3",
    state: group((g) =>
      withFilter(
        g,
        "CloudWatch.3",
        cisFilter("CloudWatch.3", {
          pattern:
            '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
        }),
      ),
    ),
    status: "PASSED",
    reason: /the CIS pattern \(Security Hub's longer variant\)/,
  },
];

describe("CloudWatch.x metric filter patterns", () => runVerdictCases(cases));
