// CloudTrail.1 and CloudTrail.3: which trails apply (owned, organization trail credited, shadow
// listing, incomplete listing), logging state and unknown status.
import { describe } from "vitest";
import type { TrailState } from "@/lib/collect/snapshot-types";
import { runVerdictCases, type VerdictCase } from "./cases";
import { ACCOUNT, MGMT, makeOrgTrail, makeSnapshot, makeTrail, trailArn } from "./fixtures";

function trailWith(overrides: Partial<TrailState>) {
  return () => makeSnapshot({ trails: [makeTrail(overrides)] });
}

const trailApplicability: VerdictCase[] = [
  {
    name: "stopped logging fails, with the stop time",
    control: "CloudTrail.1",
    state: trailWith({ status: { isLogging: false, stopLoggingTime: "2026-10-30T12:00:00Z" } }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 is not logging \(stopped 2026-10-30T12:00:00Z\)/,
  },
  {
    name: "single-region trail fails",
    control: "CloudTrail.1",
    state: trailWith({ isMultiRegionTrail: false, homeRegion: "eu-west-1" }),
    status: "FAILED",
    reason: /trail `audit` in eu-west-1 is single-region/,
  },
  {
    name: "unknown trail status is ERROR, naming GetTrailStatus",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({
        trails: [makeTrail({ status: null })],
        errors: [
          {
            service: "cloudtrail",
            operation: "GetTrailStatus",
            resource: trailArn("audit"),
            kind: "throttled",
            code: "ThrottlingException",
            message: "slow down",
          },
        ],
      }),
    status: "ERROR",
    reason: /GetTrailStatus failed \(ThrottlingException\)/,
  },
  {
    name: "unknown status of a single-region trail still fails (single-region decides)",
    control: "CloudTrail.1",
    state: trailWith({ status: null, isMultiRegionTrail: false }),
    status: "FAILED",
    reason: /is single-region/,
  },
  {
    name: "no trail at all fails",
    control: "CloudTrail.1",
    state: () => makeSnapshot({ trails: [] }),
    status: "FAILED",
    reason: /no trail applies to this account/,
  },
  {
    name: "organization trail seen from a member is credited",
    control: "CloudTrail.1",
    state: () => makeSnapshot({ trails: [makeOrgTrail()] }),
    status: "PASSED",
    reason: /^organization trail `org-trail` in us-east-1 \(management account 999999999999\) is multi-region, logging/,
    evidence: [trailArn("org-trail", MGMT)],
  },
  {
    name: "organization trail as a shadow listing in the member's ListTrails is credited",
    control: "CloudTrail.1",
    state: () => makeSnapshot({ trails: [makeOrgTrail({ appliesVia: "owned" })] }),
    status: "PASSED",
    reason: /organization trail `org-trail`.*management account 999999999999/,
  },
  {
    name: "shadow listing and credited copy of the same ARN are merged (unreadable shadow status)",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({
        trails: [makeOrgTrail({ appliesVia: "owned", status: null, eventSelectors: null }), makeOrgTrail()],
      }),
    status: "PASSED",
    reason: /organization trail `org-trail`/,
  },
  {
    name: "a failing owned trail does not hide the passing organization trail",
    control: "CloudTrail.1",
    state: () => makeSnapshot({ trails: [makeTrail({ isMultiRegionTrail: false }), makeOrgTrail()] }),
    status: "PASSED",
    reason: /organization trail `org-trail`/,
  },
  {
    name: "another account's non-organization trail does not apply",
    control: "CloudTrail.1",
    state: () => makeSnapshot({ trails: [makeTrail({ ownerAccountId: "333333333333" })] }),
    status: "FAILED",
    reason: /no trail applies/,
  },
  {
    name: "failed trail listing is ERROR, not 'no trail'",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({
        trails: [],
        errors: [
          {
            service: "cloudtrail",
            operation: "DescribeTrails",
            kind: "access_denied",
            code: "AccessDeniedException",
            message: "no",
          },
        ],
      }),
    status: "ERROR",
    reason: /trail list could not be read \(DescribeTrails failed \(AccessDeniedException\)\)/,
  },
  {
    name: "a listed but unreadable trail keeps a failing account at ERROR",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({
        trails: [makeTrail({ isMultiRegionTrail: false })],
        unreadTrails: [{ arn: trailArn("hidden"), name: "hidden", homeRegion: "eu-central-1" }],
        errors: [
          {
            service: "cloudtrail",
            operation: "GetTrail",
            resource: trailArn("hidden"),
            kind: "access_denied",
            code: "AccessDeniedException",
            message: "no",
          },
        ],
      }),
    status: "ERROR",
    reason:
      /listed trail `hidden` in eu-central-1 could not be read \(GetTrail failed \(AccessDeniedException\)\); trail `audit` in us-east-1 is single-region/,
  },
  {
    name: "an unreadable trail does not hide another trail that passes",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({ unreadTrails: [{ arn: trailArn("hidden"), name: "hidden", homeRegion: "eu-central-1" }] }),
    status: "PASSED",
    reason: /^trail `audit` in us-east-1 is multi-region/,
  },
  {
    name: "the management account sees its own organization trail without a management-account note",
    control: "CloudTrail.1",
    state: () => ({ ...makeSnapshot({ trails: [makeOrgTrail({ ownerAccountId: ACCOUNT })] }) }),
    status: "PASSED",
    reason: /^organization trail `org-trail` in us-east-1 is multi-region/,
  },
];

const cloudTrail3: VerdictCase[] = [
  {
    name: "a logging trail passes",
    control: "CloudTrail.3",
    state: trailWith({}),
    status: "PASSED",
    reason: /^trail `audit` in us-east-1 is logging$/,
  },
  {
    name: "only stopped trails fail",
    control: "CloudTrail.3",
    state: trailWith({ status: { isLogging: false, timeLoggingStopped: "2026-10-01T00:00:00Z" } }),
    status: "FAILED",
    reason:
      /no applicable trail is logging: trail `audit` in us-east-1 is not logging \(stopped 2026-10-01T00:00:00Z\)/,
  },
  {
    name: "a stopped trail and a logging single-region trail pass",
    control: "CloudTrail.3",
    state: () =>
      makeSnapshot({
        trails: [
          makeTrail({ status: { isLogging: false } }),
          makeTrail({ name: "regional", isMultiRegionTrail: false }),
        ],
      }),
    status: "PASSED",
    reason: /trail `regional` in us-east-1 is logging/,
  },
  {
    name: "unknown status with no other logging trail is ERROR",
    control: "CloudTrail.3",
    state: trailWith({ status: null }),
    status: "ERROR",
    reason: /cannot confirm any applicable trail is logging: trail `audit` .* could not be read/,
  },
  {
    name: "the organization trail logging counts for a member",
    control: "CloudTrail.3",
    state: () => makeSnapshot({ trails: [makeOrgTrail()] }),
    status: "PASSED",
    reason: /organization trail `org-trail`.* is logging/,
  },
];

describe("CloudTrail.1 applicable trails", () => runVerdictCases(trailApplicability));
describe("CloudTrail.3", () => runVerdictCases(cloudTrail3));
