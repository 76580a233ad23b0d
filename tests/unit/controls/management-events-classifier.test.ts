// The inputs on which the evaluator's and the coverage report's classifiers used to disagree.
// There is one classifier now; these pin the answer every consumer (CloudTrail.1, coverage gap
// causes, watch, remediation) gets for them.
import { describe, expect, it } from "vitest";
import { normalizeSelectors } from "@/lib/collect/normalize-trail";
import type { AdvancedEventSelector, BasicEventSelector, TrailState } from "@/lib/collect/snapshot-types";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import { trailConfiguration } from "@/lib/coverage/classify-trail-coverage";
import { planManagementSelectors } from "@/lib/remediate/plan/plan-event-selectors";
import { makeTrail } from "./fixtures";

const MANAGEMENT = { field: "eventCategory", equals: ["Management"] };
const basic = (s: Partial<BasicEventSelector>): BasicEventSelector => ({
  readWriteType: "All",
  includeManagementEvents: true,
  excludeManagementEventSources: [],
  dataResources: [],
  ...s,
});
const judge = (selectors: TrailState["eventSelectors"]) => {
  const { coverage, cause } = judgeManagementEvents(selectors);
  return { coverage, cause };
};
const coverageOf = (selectors: TrailState["eventSelectors"]) =>
  trailConfiguration(makeTrail({ eventSelectors: selectors }), "us-east-1");

describe("one management-events classifier", () => {
  it("matches advanced field names without regard to case", () => {
    const upper: AdvancedEventSelector[] = [{ fieldSelectors: [{ field: "EventCategory", equals: ["Management"] }] }];
    expect(judge({ basic: null, advanced: upper })).toEqual({ coverage: "all", cause: null });
    expect(coverageOf({ basic: null, advanced: upper })).toEqual({ state: "recorded", cause: null });

    const readOnly: AdvancedEventSelector[] = [
      { fieldSelectors: [MANAGEMENT, { field: "ReadOnly", equals: ["TRUE"] }] },
    ];
    expect(judge({ basic: null, advanced: readOnly })).toEqual({ coverage: "partial", cause: "read_only" });
    expect(coverageOf({ basic: null, advanced: readOnly })).toEqual({ state: "partial", cause: "read_only" });

    const source: AdvancedEventSelector[] = [
      { fieldSelectors: [MANAGEMENT, { field: "EventSource", notEquals: ["kms.amazonaws.com"] }] },
    ];
    expect(judge({ basic: null, advanced: source })).toEqual({ coverage: "partial", cause: "excluded_event_sources" });
    // Remediation widens the same selector it judged, rather than appending a second one.
    const planned = planManagementSelectors({ basic: null, advanced: upper });
    expect(planned.ok && planned.params.AdvancedEventSelectors).toEqual([
      { FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
    ]);
  });

  it("judges the API's ReadWriteType the same as the snapshot's readWriteType once normalized", () => {
    const fromApi = normalizeSelectors({
      EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }],
    });
    expect(fromApi.basic).toEqual([basic({ readWriteType: "WriteOnly" })]);
    expect(judge(fromApi)).toEqual(judge({ basic: [basic({ readWriteType: "WriteOnly" })], advanced: null }));
    expect(judge(fromApi)).toEqual({ coverage: "partial", cause: "write_only" });
  });

  it("judges advanced selectors alone when a snapshot holds both lists", () => {
    const both = {
      basic: [basic({ readWriteType: "All" })],
      advanced: [{ fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["false"] }] }],
    };
    expect(judge(both)).toEqual({ coverage: "partial", cause: "write_only" });
    expect(coverageOf(both)).toEqual({ state: "partial", cause: "write_only" });
    // An empty advanced list leaves the basic one in force.
    expect(judge({ basic: [basic({})], advanced: [] })).toEqual({ coverage: "all", cause: null });
  });

  it("names excluded sources as the gap even when the selector is also write-only", () => {
    const selectors = {
      basic: [basic({ readWriteType: "WriteOnly", excludeManagementEventSources: ["kms.amazonaws.com"] })],
      advanced: null,
    };
    expect(judge(selectors)).toEqual({ coverage: "partial", cause: "excluded_event_sources" });
    expect(judgeManagementEvents(selectors).summary).toBe("excludes management event sources kms.amazonaws.com");
    expect(coverageOf(selectors)).toEqual({ state: "partial", cause: "excluded_event_sources" });
  });

  it("an advanced selector with both an eventSource and a readOnly field is an exclusion", () => {
    const advanced: AdvancedEventSelector[] = [
      {
        fieldSelectors: [
          MANAGEMENT,
          { field: "readOnly", equals: ["true"] },
          { field: "eventSource", equals: ["s3.amazonaws.com"] },
        ],
      },
    ];
    expect(judge({ basic: null, advanced })).toEqual({ coverage: "partial", cause: "excluded_event_sources" });
  });

  it("a readOnly condition other than a single Equals is partial, with the gap it leaves", () => {
    const notFalse: AdvancedEventSelector[] = [
      { fieldSelectors: [MANAGEMENT, { field: "readOnly", notEquals: ["false"] }] },
    ];
    expect(judge({ basic: null, advanced: notFalse })).toEqual({ coverage: "partial", cause: "read_only" });
    expect(judgeManagementEvents({ basic: null, advanced: notFalse }).summary).toBe(
      "filters management events by readOnly in an advanced selector (readOnly NotEquals false)",
    );
    const both: AdvancedEventSelector[] = [
      { fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["true", "false"] }] },
    ];
    expect(judge({ basic: null, advanced: both })).toEqual({ coverage: "partial", cause: "write_only" });
  });

  it("read-only and write-only selectors do not add up in either list; the write-only one names the gap", () => {
    const basics = {
      basic: [basic({ readWriteType: "ReadOnly" }), basic({ readWriteType: "WriteOnly" })],
      advanced: null,
    };
    const advanced = {
      basic: null,
      advanced: [
        { fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["true"] }] },
        { fieldSelectors: [MANAGEMENT, { field: "readOnly", equals: ["false"] }] },
      ],
    };
    for (const selectors of [basics, advanced]) {
      expect(judge(selectors)).toEqual({ coverage: "partial", cause: "write_only" });
      expect(coverageOf(selectors)).toEqual({ state: "partial", cause: "write_only" });
    }
  });
});
