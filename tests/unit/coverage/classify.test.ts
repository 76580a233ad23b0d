// The management-events classifier as coverage sees it (state and gap cause), and the logging
// timeline between two collections.
import { describe, expect, it } from "vitest";
import { buildLoggingTimeline } from "@/lib/coverage/build-logging-timeline";
import type { EventSelectorsState } from "@/lib/collect/snapshot-types";
import { judgeManagementEvents } from "@/lib/controls/management-events";

const t = (iso: string) => Date.parse(iso) / 1000;
const basic = (readWriteType: "All" | "ReadOnly" | "WriteOnly", include = true, excluded: string[] = []) => ({
  readWriteType,
  includeManagementEvents: include,
  excludeManagementEventSources: excluded,
  dataResources: [],
});

// What coverage takes from the judgement: its state and, when partial, the gap's cause.
function classifyManagementEvents(selectors: EventSelectorsState | null) {
  const { coverage, cause } = judgeManagementEvents(selectors);
  return cause === null ? { quality: coverage } : { quality: coverage, cause };
}

describe("judgeManagementEvents for coverage", () => {
  it("applies AWS's default when neither list is returned, and unknown when the call failed", () => {
    expect(classifyManagementEvents({ basic: null, advanced: null })).toEqual({ quality: "all" });
    expect(classifyManagementEvents(null)).toEqual({ quality: "unknown" });
    expect(classifyManagementEvents({ basic: [], advanced: null })).toEqual({ quality: "none" });
  });

  it("judges basic selectors", () => {
    expect(classifyManagementEvents({ basic: [basic("All")], advanced: null })).toEqual({ quality: "all" });
    expect(classifyManagementEvents({ basic: [basic("All", true, ["kms.amazonaws.com"])], advanced: null })).toEqual({
      quality: "partial",
      cause: "excluded_event_sources",
    });
    expect(classifyManagementEvents({ basic: [basic("All", false)], advanced: null })).toEqual({ quality: "none" });
    // Read-only plus write-only do not add up.
    expect(classifyManagementEvents({ basic: [basic("ReadOnly"), basic("WriteOnly")], advanced: null })).toEqual({
      quality: "partial",
      cause: "write_only",
    });
  });

  it("judges advanced selectors by their fields, not their names", () => {
    const management = { field: "eventCategory", equals: ["Management"] };
    expect(
      classifyManagementEvents({ basic: null, advanced: [{ name: "write-only", fieldSelectors: [management] }] }),
    ).toEqual({ quality: "all" });
    expect(
      classifyManagementEvents({
        basic: null,
        advanced: [{ fieldSelectors: [management, { field: "readOnly", equals: ["true"] }] }],
      }),
    ).toEqual({ quality: "partial", cause: "read_only" });
    expect(
      classifyManagementEvents({
        basic: null,
        advanced: [{ fieldSelectors: [management, { field: "readOnly", equals: ["false"] }] }],
      }),
    ).toEqual({ quality: "partial", cause: "write_only" });
    expect(
      classifyManagementEvents({
        basic: null,
        advanced: [{ fieldSelectors: [management, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }] }],
      }),
    ).toEqual({ quality: "partial", cause: "excluded_event_sources" });
    expect(
      classifyManagementEvents({
        basic: null,
        advanced: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }],
      }),
    ).toEqual({ quality: "none" });
  });
});

describe("buildLoggingTimeline", () => {
  const tA = t("2025-03-05T04:00:00Z");
  const tB = t("2025-03-05T08:00:00Z");

  it("dates a stop and a restart inside the window by AWS's times", () => {
    const points = buildLoggingTimeline(
      { isLogging: true },
      { isLogging: true, stopLoggingTime: "2025-03-05T05:30:00Z", startLoggingTime: "2025-03-05T06:30:00Z" },
      tA,
      tB,
    );
    expect(points).toEqual([
      { at: tA, logging: true, bound: "snapshots" },
      { at: t("2025-03-05T05:30:00Z"), logging: false, bound: "aws" },
      { at: t("2025-03-05T06:30:00Z"), logging: true, bound: "aws" },
    ]);
  });

  it("a restart with no visible stop (a recreated trail) counts no logging from the earlier collection", () => {
    const points = buildLoggingTimeline(
      { isLogging: true },
      { isLogging: true, startLoggingTime: "2025-03-05T06:00:00Z" },
      tA,
      tB,
    );
    expect(points).toEqual([
      { at: tA, logging: false, bound: "snapshots" },
      { at: t("2025-03-05T06:00:00Z"), logging: true, bound: "aws" },
    ]);
  });

  it("a stop with no timestamp counts from the earlier collection; a start with none only from the later one", () => {
    expect(buildLoggingTimeline({ isLogging: true }, { isLogging: false }, tA, tB)).toEqual([
      { at: tA, logging: false, bound: "snapshots" },
    ]);
    expect(buildLoggingTimeline({ isLogging: false }, { isLogging: true }, tA, tB)).toEqual([
      { at: tA, logging: false, bound: "snapshots" },
    ]);
  });

  it("ignores timestamps from before the window and takes the worse end when a status is missing", () => {
    expect(
      buildLoggingTimeline({ isLogging: true }, { isLogging: true, stopLoggingTime: "2025-03-01T00:00:00Z" }, tA, tB),
    ).toEqual([{ at: tA, logging: true, bound: "snapshots" }]);
    expect(buildLoggingTimeline({ isLogging: true }, null, tA, tB)).toEqual([
      { at: tA, logging: null, bound: "snapshots" },
    ]);
  });
});
