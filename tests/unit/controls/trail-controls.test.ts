// Per-trail controls (CloudTrail.2, .4, .5, .9) and event data stores (CloudTrail.10).
import { describe } from "vitest";
import type { TrailState } from "@/lib/collect/snapshot-types";
import { runVerdictCases, type VerdictCase } from "./cases";
import { logGroupArn, makeOrgTrail, makeSnapshot, makeTrail, trailArn } from "./fixtures";

function trails(...overrides: Partial<TrailState>[]) {
  return () => makeSnapshot({ trails: overrides.map((o) => makeTrail(o)) });
}

const perTrail: VerdictCase[] = [
  {
    name: "trail without a KMS key fails",
    control: "CloudTrail.2",
    state: trails({ kmsKeyId: undefined }),
    status: "FAILED",
    reason: /^trail `audit` in us-east-1 has no KMS key/,
  },
  {
    name: "one failing trail of two fails the account and is named with its region",
    control: "CloudTrail.2",
    state: trails({}, { name: "second", homeRegion: "eu-west-1", kmsKeyId: undefined }),
    status: "FAILED",
    reason: /^trail `second` in eu-west-1 has no KMS key/,
    evidence: [trailArn("second", undefined, "eu-west-1")],
  },
  {
    name: "organization trail with a KMS key passes for a member",
    control: "CloudTrail.2",
    state: () => makeSnapshot({ trails: [makeOrgTrail()] }),
    status: "PASSED",
    reason: /^organization trail `org-trail` .* encrypts log files with KMS key/,
  },
  {
    name: "no applicable trail is not applicable",
    control: "CloudTrail.2",
    state: () => makeSnapshot({ trails: [] }),
    status: "NOT_APPLICABLE",
    reason: /no trail applies to this account/,
  },
  {
    name: "log file validation off fails",
    control: "CloudTrail.4",
    state: trails({ logFileValidationEnabled: false }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 has log file validation disabled/,
  },
  {
    name: "all trails validated pass with a count",
    control: "CloudTrail.4",
    state: trails({}, { name: "second" }),
    status: "PASSED",
    reason: /all 2 applicable trails have log file validation enabled/,
  },
  {
    name: "trail without a log group fails",
    control: "CloudTrail.5",
    state: trails({ cloudWatchLogsLogGroupArn: undefined }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 does not deliver to CloudWatch Logs/,
  },
  {
    name: "CloudWatch Logs delivery error is a WARNING",
    control: "CloudTrail.5",
    state: trails({ status: { isLogging: true, latestCloudWatchLogsDeliveryError: "AccessDeniedException" } }),
    status: "WARNING",
    reason:
      /delivers to log group `audit-logs` but CloudTrail reports CloudWatch Logs delivery error "AccessDeniedException"/,
  },
  {
    name: "unknown status cannot rule out a delivery error: ERROR",
    control: "CloudTrail.5",
    state: trails({ status: null }),
    status: "ERROR",
    reason: /delivery status could not be read \(GetTrailStatus failed or was not made\)/,
  },
  {
    name: "trail delivering to CloudWatch Logs passes",
    control: "CloudTrail.5",
    state: trails({}),
    status: "PASSED",
    reason: /trail `audit` in us-east-1 delivers to CloudWatch Logs log group `audit-logs`/,
    evidence: [logGroupArn("audit-logs").replace(/:\*$/, "")],
  },
  {
    name: "a FAILED trail outranks another trail's ERROR",
    control: "CloudTrail.5",
    state: trails({ status: null }, { name: "nolog", cloudWatchLogsLogGroupArn: undefined }),
    status: "FAILED",
    reason: /trail `nolog` in us-east-1 does not deliver/,
  },
  {
    name: "an unreadable listed trail makes all-pass unprovable: ERROR",
    control: "CloudTrail.4",
    state: () =>
      makeSnapshot({ unreadTrails: [{ arn: trailArn("hidden"), name: "hidden", homeRegion: "eu-central-1" }] }),
    status: "ERROR",
    reason:
      /^listed trail `hidden` in eu-central-1 could not be read; of the resources read, trail `audit` in us-east-1 has log file validation enabled$/,
  },
  {
    name: "an unreadable listed trail does not soften a known failure",
    control: "CloudTrail.4",
    state: () =>
      makeSnapshot({
        trails: [makeTrail({ logFileValidationEnabled: false })],
        unreadTrails: [{ arn: trailArn("hidden"), name: "hidden", homeRegion: "eu-central-1" }],
      }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 has log file validation disabled/,
  },
  {
    name: "no required tag keys configured: not applicable",
    control: "CloudTrail.9",
    state: trails({ tags: {} }),
    status: "NOT_APPLICABLE",
    reason: /no required tag keys are configured/,
  },
  {
    name: "missing required tag key fails, naming the key",
    control: "CloudTrail.9",
    requiredTagKeys: ["owner", "cost-center"],
    state: trails({ tags: { owner: "security" } }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 lacks required tag keys: cost-center/,
  },
  {
    name: "unreadable tags are ERROR",
    control: "CloudTrail.9",
    requiredTagKeys: ["owner"],
    state: trails({ tags: null }),
    status: "ERROR",
    reason: /tags that could not be read \(ListTags failed/,
  },
  {
    name: "all required tags present pass",
    control: "CloudTrail.9",
    requiredTagKeys: ["owner"],
    state: trails({ tags: { owner: "" } }),
    status: "PASSED",
    reason: /carries the required tag keys owner/,
  },
];

const eventDataStores: VerdictCase[] = [
  {
    name: "event data stores unknown: NO_DATA",
    control: "CloudTrail.10",
    state: () => makeSnapshot({ eventDataStores: null }),
    status: "NO_DATA",
    reason: /event data stores could not be listed/,
  },
  {
    name: "no event data stores: not applicable",
    control: "CloudTrail.10",
    state: () => makeSnapshot({ eventDataStores: [] }),
    status: "NOT_APPLICABLE",
    reason: /no CloudTrail Lake event data stores/,
  },
  {
    name: "store on the AWS owned key fails",
    control: "CloudTrail.10",
    state: () =>
      makeSnapshot({
        eventDataStores: [{ arn: "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/eds1", name: "lake" }],
      }),
    status: "FAILED",
    reason: /event data store `lake` uses the AWS owned key/,
  },
  {
    name: "store on an AWS managed alias fails",
    control: "CloudTrail.10",
    state: () =>
      makeSnapshot({
        eventDataStores: [
          {
            arn: "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/eds1",
            name: "lake",
            kmsKeyId: "alias/aws/cloudtrail",
          },
        ],
      }),
    status: "FAILED",
    reason: /uses AWS managed key alias\/aws\/cloudtrail/,
  },
  {
    name: "store with a customer-managed key passes",
    control: "CloudTrail.10",
    state: () =>
      makeSnapshot({
        eventDataStores: [
          {
            arn: "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/eds1",
            name: "lake",
            kmsKeyId: "arn:aws:kms:us-east-1:111111111111:key/k1",
          },
        ],
      }),
    status: "PASSED",
    reason: /event data store `lake` is encrypted with customer-managed KMS key/,
  },
];

describe("per-trail controls", () => runVerdictCases(perTrail));
describe("CloudTrail.10", () => runVerdictCases(eventDataStores));
