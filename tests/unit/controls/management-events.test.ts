// CloudTrail.1's management-event rule: basic and advanced selectors, judged by fields, one
// selector at a time, with AWS's default when selectors were never set.
import { describe } from "vitest";
import type { AdvancedEventSelector, BasicEventSelector, TrailState } from "@/lib/collect/snapshot-types";
import { runVerdictCases, type VerdictCase } from "./cases";
import { makeSnapshot, makeTrail, trailArn } from "./fixtures";

function basic(...selectors: Partial<BasicEventSelector>[]): TrailState["eventSelectors"] {
  return {
    basic: selectors.map((s) => ({
      readWriteType: "All",
      includeManagementEvents: true,
      excludeManagementEventSources: [],
      dataResources: [],
      ...s,
    })),
    advanced: null,
  };
}

function advanced(...selectors: AdvancedEventSelector[]): TrailState["eventSelectors"] {
  return { basic: null, advanced: selectors };
}

const MANAGEMENT = { field: "eventCategory", equals: ["Management"] };

function trailWith(overrides: Partial<TrailState>) {
  return () => makeSnapshot({ trails: [makeTrail(overrides)] });
}

const managementEvents: VerdictCase[] = [
  {
    name: "basic selector All with management events passes",
    control: "CloudTrail.1",
    state: trailWith({}),
    status: "PASSED",
    reason: /^trail `audit` in us-east-1 is multi-region, logging, and records all read and write management events$/,
    evidence: [trailArn("audit")],
  },
  {
    name: "selectors never set: AWS default applies and the reason says so",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: { basic: null, advanced: null } }),
    status: "PASSED",
    reason: /event selectors never set: AWS's default logs all management events/,
  },
  {
    name: "basic write-only selector fails",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: basic({ readWriteType: "WriteOnly" }) }),
    status: "FAILED",
    reason: /trail `audit` in us-east-1 logs write-only management events/,
  },
  {
    name: "basic read-only selector fails",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: basic({ readWriteType: "ReadOnly" }) }),
    status: "FAILED",
    reason: /logs read-only management events/,
  },
  {
    name: "split read-only and write-only basic selectors do not add up",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: basic({ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }) }),
    status: "FAILED",
    reason: /read-only and write-only management events in separate event selectors, which do not add up/,
  },
  {
    name: "excluded management event sources disqualify",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: basic({ excludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] }),
    }),
    status: "FAILED",
    reason: /excludes management event sources kms\.amazonaws\.com, rdsdata\.amazonaws\.com/,
  },
  {
    name: "basic selector for data events only logs no management events",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: basic({ includeManagementEvents: false }) }),
    status: "FAILED",
    reason: /logs no management events/,
  },
  {
    name: "empty selector list (AWS said none) logs nothing",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: { basic: [], advanced: null } }),
    status: "FAILED",
    reason: /empty event selector list and logs no management events/,
  },
  {
    name: "advanced selector eventCategory=Management without readOnly passes",
    control: "CloudTrail.1",
    state: trailWith({ eventSelectors: advanced({ name: "mgmt", fieldSelectors: [MANAGEMENT] }) }),
    status: "PASSED",
    reason: /records all read and write management events/,
  },
  {
    name: "advanced selector with readOnly=true fails",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: advanced({ fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["true"] }] }),
    }),
    status: "FAILED",
    reason: /logs read-only management events/,
  },
  {
    name: "advanced read-only and write-only selectors do not add up",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: advanced(
        { name: "reads", fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["true"] }] },
        { name: "writes", fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["false"] }] },
      ),
    }),
    status: "FAILED",
    reason: /separate advanced selectors, which do not add up/,
  },
  {
    name: "advanced eventSource field selector disqualifies",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: advanced({
        name: "no-kms",
        fieldSelectors: [MANAGEMENT, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }],
      }),
    }),
    status: "FAILED",
    reason:
      /filters management events by event source in advanced selector "no-kms" \(eventSource NotEquals kms\.amazonaws\.com\)/,
  },
  {
    name: "a misleading selector Name is ignored: fields decide",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: advanced({
        name: "Log all management events",
        fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["false"] }],
      }),
    }),
    status: "FAILED",
    reason:
      /write-only management events in advanced selector "Log all management events" \(judged by its fields, not its name\)/,
  },
  {
    name: "advanced selectors for data events only",
    control: "CloudTrail.1",
    state: trailWith({
      eventSelectors: advanced({
        name: "Management events",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
        ],
      }),
    }),
    status: "FAILED",
    reason: /no advanced selector has eventCategory Equals Management/,
  },
  {
    name: "unreadable selectors never pass, and the failed call is named",
    control: "CloudTrail.1",
    state: () =>
      makeSnapshot({
        trails: [makeTrail({ eventSelectors: null })],
        errors: [
          {
            service: "cloudtrail",
            operation: "GetEventSelectors",
            region: "us-east-1",
            resource: trailArn("audit"),
            kind: "access_denied",
            code: "AccessDeniedException",
            message: "denied",
          },
        ],
      }),
    status: "ERROR",
    reason: /event selectors that could not be read \(GetEventSelectors failed\)/,
  },
];

describe("CloudTrail.1 management events", () => runVerdictCases(managementEvents));
