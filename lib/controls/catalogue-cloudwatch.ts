// Catalogue entries for CloudWatch.1–14, the CIS "log metric filter and alarm" controls. Titles
// and severities are Security Hub's; patterns come from cis-patterns.ts. CIS section numbers follow
// the benchmark's own order, which differs from Security Hub's for the first three controls
// (CloudWatch.1 root use is CIS 3.3/4.3, CloudWatch.2 unauthorized calls 3.1/4.1, .3 no MFA 3.2/4.2).
import type { CloudWatchControlId, ControlDefinition } from "@/lib/controls/types";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import { FAMILY_MAPPINGS, cis } from "@/lib/controls/framework-mappings";

const TITLES: Record<CloudWatchControlId, string> = {
  "CloudWatch.1": 'A log metric filter and alarm should exist for usage of the "root" user',
  "CloudWatch.2": "Ensure a log metric filter and alarm exist for unauthorized API calls",
  "CloudWatch.3": "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA",
  "CloudWatch.4": "Ensure a log metric filter and alarm exist for IAM policy changes",
  "CloudWatch.5": "Ensure a log metric filter and alarm exist for CloudTrail configuration changes",
  "CloudWatch.6": "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures",
  "CloudWatch.7":
    "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs",
  "CloudWatch.8": "Ensure a log metric filter and alarm exist for S3 bucket policy changes",
  "CloudWatch.9": "Ensure a log metric filter and alarm exist for AWS Config configuration changes",
  "CloudWatch.10": "Ensure a log metric filter and alarm exist for security group changes",
  "CloudWatch.11": "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)",
  "CloudWatch.12": "Ensure a log metric filter and alarm exist for changes to network gateways",
  "CloudWatch.13": "Ensure a log metric filter and alarm exist for route table changes",
  "CloudWatch.14": "Ensure a log metric filter and alarm exist for VPC changes",
};

/** The CIS section suffix (3.x in v1.2.0, 4.x in v1.4.0) of each control. */
const CIS_SECTION: Record<CloudWatchControlId, number> = {
  "CloudWatch.1": 3,
  "CloudWatch.2": 1,
  "CloudWatch.3": 2,
  "CloudWatch.4": 4,
  "CloudWatch.5": 5,
  "CloudWatch.6": 6,
  "CloudWatch.7": 7,
  "CloudWatch.8": 8,
  "CloudWatch.9": 9,
  "CloudWatch.10": 10,
  "CloudWatch.11": 11,
  "CloudWatch.12": 12,
  "CloudWatch.13": 13,
  "CloudWatch.14": 14,
};

function define(id: CloudWatchControlId): ControlDefinition {
  const spec = CIS_METRIC_FILTERS[id];
  const section = CIS_SECTION[id];
  return {
    id,
    family: "CloudWatch",
    title: TITLES[id],
    severity: "LOW",
    level: "account",
    checks:
      `The log group of a logging multi-Region trail covering the account has a metric filter with exactly ` +
      `the CIS pattern for ${spec.watches}, and an alarm on its metric notifies an SNS topic with at least ` +
      `one subscription.`,
    remediation:
      `On the trail's log group (in the trail's owning account and home Region), put a metric filter with the ` +
      `CIS pattern publishing metric ${spec.metricName} (value 1), and an alarm (Sum, 300 s, >= 1, missing ` +
      `data not breaching) that notifies a subscribed SNS topic.`,
    frameworks: [
      cis("v1.2.0", `3.${section}`),
      cis("v1.4.0", `4.${section}`),
      cis("v5.0.0", `4.${section}`),
      ...FAMILY_MAPPINGS,
    ],
    cis: spec,
  };
}

export const CLOUDWATCH_CONTROLS = Object.fromEntries(CLOUDWATCH_CONTROL_IDS.map((id) => [id, define(id)])) as Record<
  CloudWatchControlId,
  ControlDefinition
>;
