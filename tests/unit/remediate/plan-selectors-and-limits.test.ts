// Event selectors are kept (data events untouched, none added, advanced stays advanced), the
// five-trails-per-region limit stops a plan, a central bucket's policy is merged, and no plan over
// any fixture contains a Delete*/Stop* call or another forbidden change.
import { describe, expect, it } from "vitest";
import type { AccountSnapshotState, EventSelectorsState } from "@/lib/collect/snapshot-types";
import {
  ALLOWED_OPERATIONS,
  FORBIDDEN_OPERATION,
  selectorViolations,
  stepViolations,
} from "@/lib/remediate/plan/assert-safe-plan";
import { normalizeSelectors } from "@/lib/collect/normalize-trail";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import { hashPlan } from "@/lib/remediate/plan/hash-plan";
import { planManagementSelectors } from "@/lib/remediate/plan/plan-event-selectors";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { mergeStatements, parsePolicy } from "@/lib/remediate/plan/policies/policy-document";
import { ACCOUNT, compliant, LOG_ARCHIVE, orgMember, settings, trail, withTrail } from "./snapshot-fixtures";

const plan = (state: AccountSnapshotState, s = settings()): RemediationPlan =>
  planFamilyFix({ state, snapshotId: null, settings: s });
const s3Data = { type: "AWS::S3::Object", values: ["arn:aws:s3:::uploads/"] };

const omitTrailName = (params: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(params).filter(([k]) => k !== "TrailName"));

const selectorCases: Record<string, EventSelectorsState> = {
  "write-only basic": {
    basic: [
      {
        readWriteType: "WriteOnly",
        includeManagementEvents: true,
        excludeManagementEventSources: [],
        dataResources: [],
      },
    ],
    advanced: null,
  },
  "basic with a data selector": {
    basic: [
      {
        readWriteType: "ReadOnly",
        includeManagementEvents: true,
        excludeManagementEventSources: [],
        dataResources: [],
      },
      {
        readWriteType: "All",
        includeManagementEvents: false,
        excludeManagementEventSources: [],
        dataResources: [s3Data],
      },
    ],
    advanced: null,
  },
  "management only on the data selector": {
    basic: [
      {
        readWriteType: "WriteOnly",
        includeManagementEvents: true,
        excludeManagementEventSources: [],
        dataResources: [s3Data],
      },
    ],
    advanced: null,
  },
  "advanced write-only with data": {
    basic: null,
    advanced: [
      {
        name: "Management events",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Management"] },
          { field: "readOnly", equals: ["false"] },
        ],
      },
      {
        name: "S3 uploads",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWith: ["arn:aws:s3:::uploads/"] },
        ],
      },
    ],
  },
  "advanced data only": {
    basic: null,
    advanced: [
      {
        name: "S3 uploads",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
        ],
      },
    ],
  },
  "excluded KMS events": {
    basic: [
      {
        readWriteType: "All",
        includeManagementEvents: true,
        excludeManagementEventSources: ["kms.amazonaws.com"],
        dataResources: [],
      },
    ],
    advanced: null,
  },
  "empty list": { basic: [], advanced: null },
  "data events only (basic, management off)": {
    basic: [
      {
        readWriteType: "All",
        includeManagementEvents: false,
        excludeManagementEventSources: [],
        dataResources: [s3Data],
      },
    ],
    advanced: null,
  },
  "several basic selectors, none for all management events": {
    basic: [
      {
        readWriteType: "ReadOnly",
        includeManagementEvents: false,
        excludeManagementEventSources: [],
        dataResources: [s3Data],
      },
      {
        readWriteType: "WriteOnly",
        includeManagementEvents: false,
        excludeManagementEventSources: [],
        dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }],
      },
      {
        readWriteType: "ReadOnly",
        includeManagementEvents: true,
        excludeManagementEventSources: ["rdsdata.amazonaws.com"],
        dataResources: [],
      },
    ],
    advanced: null,
  },
  "advanced data selectors beside a management selector that excludes an event source": {
    basic: null,
    advanced: [
      {
        name: "S3 uploads",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
        ],
      },
      {
        name: "Management without KMS",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Management"] },
          { field: "eventSource", notEquals: ["kms.amazonaws.com"] },
        ],
      },
      {
        name: "Lambda invokes",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::Lambda::Function"] },
        ],
      },
    ],
  },
};

describe("event selectors", () => {
  for (const [name, selectors] of Object.entries(selectorCases)) {
    it(`${name}: logs all management events and keeps every selector`, () => {
      const p = plan(withTrail({ eventSelectors: selectors }));
      const put = p.steps.find((s) => s.operation === "PutEventSelectors");
      expect(put, JSON.stringify(p.steps.map((s) => s.operation))).toBeDefined();
      expect(selectorViolations(selectors, put!.params)).toEqual([]);
      const advanced = (selectors.advanced ?? []).length > 0;
      expect(Object.keys(put!.params).sort()).toEqual(
        ["TrailName", advanced ? "AdvancedEventSelectors" : "EventSelectors"].sort(),
      );
    });
  }

  for (const [name, selectors] of Object.entries(selectorCases)) {
    it(`${name}: the executor's own check (trail not yet read) agrees with the planner`, () => {
      const p = plan(withTrail({ eventSelectors: selectors }));
      const put = p.steps.find((s) => s.operation === "PutEventSelectors")!;
      // executeStep checks every step before its executor reads the live trail.
      expect(stepViolations(put)).toEqual([]);
      expect(planManagementSelectors(selectors)).toMatchObject({ ok: true, params: omitTrailName(put.params) });
      // What GetEventSelectors then returns, read as the collector reads it.
      const after = normalizeSelectors(omitTrailName(put.params) as Parameters<typeof normalizeSelectors>[0]);
      expect(judgeManagementEvents(after).coverage).toBe("all");
    });
  }

  it("keeps a data-event-only selector exactly and adds a management selector beside it", () => {
    const p = plan(withTrail({ eventSelectors: selectorCases["data events only (basic, management off)"]! }));
    expect(p.status).toBe("ready");
    expect(p.steps.find((s) => s.operation === "PutEventSelectors")!.params.EventSelectors).toEqual([
      {
        ReadWriteType: "All",
        IncludeManagementEvents: false,
        DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::uploads/"] }],
        ExcludeManagementEventSources: [],
      },
      { ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ]);
  });

  it("keeps a data selector byte for byte and widens the management one in place", () => {
    const p = plan(withTrail({ eventSelectors: selectorCases["basic with a data selector"]! }));
    expect(p.steps.find((s) => s.operation === "PutEventSelectors")!.params.EventSelectors).toEqual([
      { ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
      {
        ReadWriteType: "All",
        IncludeManagementEvents: false,
        DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::uploads/"] }],
        ExcludeManagementEventSources: [],
      },
    ]);
  });

  it("adjusts an advanced management selector the advanced way", () => {
    const p = plan(withTrail({ eventSelectors: selectorCases["advanced write-only with data"]! }));
    const list = p.steps.find((s) => s.operation === "PutEventSelectors")!.params.AdvancedEventSelectors as unknown[];
    expect(list[0]).toEqual({
      Name: "Management events",
      FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }],
    });
    expect(list[1]).toEqual({
      Name: "S3 uploads",
      FieldSelectors: [
        { Field: "eventCategory", Equals: ["Data"] },
        { Field: "resources.type", Equals: ["AWS::S3::Object"] },
        { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::uploads/"] },
      ],
    });
  });

  it("plans nothing for selectors never set (AWS's default logs all management events)", () => {
    expect(plan(withTrail({ eventSelectors: { basic: null, advanced: null } })).steps).toEqual([]);
  });

  it("stops the plan when the selectors would need a change but could not be read", () => {
    const p = plan(withTrail({ eventSelectors: null, status: { isLogging: false } }));
    expect(p.status).toBe("blocked");
    expect(p.blockers[0]!.code).toBe("selectors-unsafe");
    // Unknown selectors alone are not a failure: the plan says to re-collect.
    const q = plan(withTrail({ eventSelectors: null }));
    expect(q.steps).toEqual([]);
    expect(q.notes.map((n) => n.code)).toContain("not-evaluated");
  });

  it("flags a selector list that drops or adds data selectors", () => {
    const current = selectorCases["basic with a data selector"]!;
    expect(selectorViolations(current, { EventSelectors: [] })).toContain("would remove 2 basic selector(s)");
    const added = {
      EventSelectors: [
        {
          ReadWriteType: "All",
          IncludeManagementEvents: true,
          DataResources: [{ Type: "AWS::Lambda::Function", Values: ["arn:aws:lambda"] }],
          ExcludeManagementEventSources: [],
        },
      ],
    };
    expect(selectorViolations({ basic: [], advanced: null }, added)).toEqual([
      "would add basic selector 0, which selects data events",
    ]);
  });
});

describe("trail limit", () => {
  const fiveManaged = () =>
    compliant({
      trails: [1, 2, 3, 4, 5].map((i) =>
        trail({
          name: `aws-controltower-BaselineCloudTrail-${i}`,
          isMultiRegionTrail: false,
          cloudWatchLogsLogGroupArn: undefined,
          cloudWatchLogsRoleArn: undefined,
        }),
      ),
    });

  it("stops with an explanation when the region holds five trails and none can be reused", () => {
    const p = plan(fiveManaged());
    expect(p.status).toBe("blocked");
    expect(p.blockers.find((b) => b.code === "trail-limit")!.message).toMatch(/already holds 5 trails/);
    expect(p.steps.some((s) => s.operation === "CreateTrail")).toBe(false);
  });

  it("reuses one of five trails when one can be reused", () => {
    const state = fiveManaged();
    state.trails[4] = trail({ name: "legacy", isMultiRegionTrail: false });
    const p = plan(state);
    expect(p.status).toBe("ready");
    expect(p.strategy).toMatchObject({ kind: "convert-trail", trailName: "legacy" });
  });
});

describe("central bucket", () => {
  const central = settings({
    bucket: { mode: "central", name: "org-logs", ownerAccountId: LOG_ARCHIVE, region: "us-east-1" },
  });

  it("merges the new trail's statements into the central bucket's policy in the log-archive account", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }), central);
    expect(p.steps.some((s) => s.operation === "CreateBucket" && s.resource.endsWith("org-logs"))).toBe(false);
    const merge = p.steps.find((s) => s.operation === "PutBucketPolicy" && s.resource.endsWith("org-logs"))!;
    expect(merge).toMatchObject({ action: "merge", targetAccountId: LOG_ARCHIVE });
    expect(p.steps.find((s) => s.operation === "CreateTrail")!.params.S3BucketName).toBe("org-logs");

    const existing = parsePolicy(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AWSCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: "arn:aws:s3:::org-logs",
          },
          {
            Sid: "AWSCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::org-logs/AWSLogs/o-abc/*",
          },
        ],
      }),
    );
    const merged = mergeStatements(existing, parsePolicy(merge.params.Policy as string).Statement as never);
    const sids = merged.document.Statement.map((s) => s.Sid);
    expect(sids.slice(0, 2)).toEqual(["AWSCloudTrailAclCheck", "AWSCloudTrailWrite"]);
    const write = merged.document.Statement.find((s) => s.Sid === "TrailwardenCloudTrailWrite") as {
      Condition: { StringEquals: Record<string, string> };
    };
    expect(write.Condition.StringEquals["aws:SourceAccount"]).toBe(ACCOUNT);
    expect(merged.document.Statement.slice(0, 2)).toEqual(existing.Statement);
    // Merging again changes nothing.
    expect(
      mergeStatements(merged.document, parsePolicy(merge.params.Policy as string).Statement as never).changed,
    ).toBe(false);
  });

  it("never rewrites someone else's statement that uses one of our Sids differently", () => {
    const theirs = {
      Version: "2012-10-17",
      Statement: [{ Sid: "Custom", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }],
    };
    const result = mergeStatements(theirs, [
      { Sid: "Custom", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
    ]);
    expect(result.changed).toBe(false);
    expect(result.conflicts).toEqual(["Custom"]);
  });
});

describe("safety over every fixture", () => {
  const fixtures: Record<string, AccountSnapshotState> = {
    compliant: compliant(),
    "no trail": compliant({ trails: [], buckets: {}, logGroups: {} }),
    "single region": withTrail({ isMultiRegionTrail: false, includeGlobalServiceEvents: false }),
    stopped: withTrail({ status: { isLogging: false } }),
    "no kms, no validation, no logs": withTrail(
      { kmsKeyId: undefined, logFileValidationEnabled: false, cloudWatchLogsLogGroupArn: undefined },
      { logGroups: {} },
    ),
    "org member": orgMember({ kmsKeyId: undefined, status: { isLogging: false } }),
    ...Object.fromEntries(
      Object.entries(selectorCases).map(([k, v]) => [`selectors: ${k}`, withTrail({ eventSelectors: v })]),
    ),
  };
  for (const [name, state] of Object.entries(fixtures)) {
    it(`${name}: only allowed, non-destructive operations`, () => {
      for (const s of [
        settings(),
        settings({ bucket: { mode: "central", name: "org-logs", ownerAccountId: LOG_ARCHIVE, region: "us-east-1" } }),
      ]) {
        const p = plan(state, s);
        for (const step of p.steps) {
          expect(step.operation).not.toMatch(FORBIDDEN_OPERATION);
          expect(step.operation).not.toMatch(/^(Delete|Stop)/);
          expect(ALLOWED_OPERATIONS[step.service]).toContain(step.operation);
          const current = state.trails.find((t) => t.arn === step.resource);
          expect(stepViolations(step, step.service === "cloudtrail" ? (current ?? null) : undefined)).toEqual([]);
        }
        expect(p.blockers.filter((b) => b.code === "unsafe-step")).toEqual([]);
        expect(hashPlan(plan(state, s))).toBe(hashPlan(p));
      }
    });
  }

  it("refuses an UpdateTrail that would replace a key, a log group or the bucket", () => {
    const t = trail();
    expect(
      stepViolations(
        { service: "cloudtrail", operation: "UpdateTrail", params: { Name: "main", KmsKeyId: "other" } },
        t,
      ),
    ).toContain("UpdateTrail would replace the trail's existing KmsKeyId");
    expect(
      stepViolations(
        { service: "cloudtrail", operation: "UpdateTrail", params: { Name: "main", S3BucketName: "x" } },
        t,
      ),
    ).toContain("UpdateTrail must not change S3BucketName");
    expect(stepViolations({ service: "cloudtrail", operation: "StopLogging", params: { Name: "main" } }, t)[0]).toMatch(
      /never allowed/,
    );
    expect(stepViolations({ service: "s3", operation: "DeleteBucketPolicy", params: {} })[0]).toMatch(/never allowed/);
  });

  it("refuses any IAM write: the delivery role is the template's, remediation creates and edits no role", () => {
    for (const operation of ["CreateRole", "PutRolePolicy", "UpdateAssumeRolePolicy", "AttachRolePolicy"])
      expect(
        stepViolations({ service: "iam", operation, params: { RoleName: "trailwarden-x" } }),
        operation,
      ).not.toEqual([]);
  });

  it("lets a trail that names a role but no log group get the shipped role with the log group", () => {
    const t = trail({
      cloudWatchLogsLogGroupArn: undefined,
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/Old",
    });
    const params = {
      Name: "main",
      CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trailwarden-cloudtrail:*",
      CloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trailwarden-cloudtrail-delivery",
    };
    expect(stepViolations({ service: "cloudtrail", operation: "UpdateTrail", params }, t)).toEqual([]);
    // A trail that delivers keeps its role.
    expect(
      stepViolations(
        {
          service: "cloudtrail",
          operation: "UpdateTrail",
          params: { Name: "main", CloudWatchLogsRoleArn: params.CloudWatchLogsRoleArn },
        },
        trail(),
      ),
    ).toContain("UpdateTrail would replace the trail's existing CloudWatchLogsRoleArn");
  });
});
