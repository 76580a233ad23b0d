// Period parsing, percentage rounding, day rollups and the incremental splice.
import { describe, expect, it } from "vitest";
import type { Segment, StoredGap } from "@/lib/coverage/coverage-types";
import { parseCoveragePeriod } from "@/lib/coverage/parse-period";
import { rollupDays } from "@/lib/coverage/rollup-days";
import { sharePercents } from "@/lib/coverage/share-percents";
import { spliceAtCut } from "@/lib/coverage/splice-timeline";

const t = (iso: string) => Date.parse(iso) / 1000;
const NOW = new Date("2025-06-15T10:00:00Z");

describe("parseCoveragePeriod", () => {
  it("defaults to the twelve months ending yesterday", () => {
    expect(parseCoveragePeriod({}, NOW)).toEqual({
      fromDay: "2024-06-15",
      toDay: "2025-06-14",
      from: t("2024-06-15T00:00:00Z"),
      to: t("2025-06-15T00:00:00Z"),
    });
  });

  it("rejects bad dates, reversed and over-long periods and future days, naming the field", () => {
    expect(() => parseCoveragePeriod({ from: "2025-13-01", to: "2025-06-01" }, NOW)).toThrow(
      /from: 2025-13-01 is not a calendar date/,
    );
    expect(() => parseCoveragePeriod({ from: "1 May", to: "2025-06-01" }, NOW)).toThrow(
      /from: expected a date as YYYY-MM-DD/,
    );
    expect(() => parseCoveragePeriod({ from: "2025-06-02", to: "2025-06-01" }, NOW)).toThrow(
      /from: 2025-06-02 is after to \(2025-06-01\)/,
    );
    expect(() => parseCoveragePeriod({ from: "2024-01-01", to: "2025-06-01" }, NOW)).toThrow(
      /518 days long; at most 400/,
    );
    expect(() => parseCoveragePeriod({ from: "2025-06-01", to: "2025-06-16" }, NOW)).toThrow(
      /to: 2025-06-16 is in the future/,
    );
  });
});

describe("sharePercents", () => {
  it("rounds to hundredths that add up to 100", () => {
    expect(sharePercents([1, 1, 1], 3)).toEqual([33.34, 33.33, 33.33]);
    expect(sharePercents([860_400, 0, 3600, 0], 864_000)).toEqual([99.58, 0, 0.42, 0]);
    expect(sharePercents([0, 0], 0)).toEqual([0, 0]);
  });
});

describe("rollupDays", () => {
  it("splits segments at UTC midnight and counts time outside the timeline as unknown", () => {
    const segments: Segment[] = [
      {
        state: "recorded",
        cause: null,
        start: t("2025-03-01T06:00:00Z"),
        end: t("2025-03-02T02:00:00Z"),
        startBound: "snapshots",
      },
      {
        state: "not_recorded",
        cause: "logging_stopped",
        start: t("2025-03-02T02:00:00Z"),
        end: t("2025-03-02T03:00:00Z"),
        startBound: "aws",
      },
    ];
    expect(rollupDays("us-east-1", segments)).toEqual([
      {
        region: "us-east-1",
        day: "2025-03-01",
        recorded: 64_800,
        partial: 0,
        notRecorded: 0,
        unknown: 21_600,
        causes: [],
      },
      {
        region: "us-east-1",
        day: "2025-03-02",
        recorded: 7200,
        partial: 0,
        notRecorded: 3600,
        unknown: 75_600,
        causes: ["logging_stopped"],
      },
    ]);
  });
});

describe("spliceAtCut", () => {
  const cut = t("2025-03-05T00:00:00Z");
  const stored: StoredGap = {
    region: "us-east-1",
    start: t("2025-03-04T12:00:00Z"),
    end: t("2025-03-05T04:00:00Z"),
    state: "not_recorded",
    cause: "trail_deleted",
    startBound: "snapshots",
    endBound: "snapshots",
  };
  const seg = (state: Segment["state"], cause: Segment["cause"], start: string, end: string): Segment => ({
    state,
    cause,
    start: t(start),
    end: t(end),
    startBound: "snapshots",
  });

  it("joins the stored gap running through the cut to the new timeline, keeping its cause", () => {
    const fromCut = [
      seg("not_recorded", "no_trail", "2025-03-05T00:00:00Z", "2025-03-06T09:15:00Z"),
      seg("recorded", null, "2025-03-06T09:15:00Z", "2025-03-07T00:00:00Z"),
    ];
    const result = spliceAtCut(stored, fromCut, cut, t("2025-03-04T16:00:00Z"));
    expect(result?.joined).toBe(stored);
    expect(result?.segments[0]).toMatchObject({
      start: stored.start,
      cause: "trail_deleted",
      end: t("2025-03-06T09:15:00Z"),
    });
  });

  it("refuses rows that disagree with the snapshots (the caller rebuilds in full)", () => {
    expect(
      spliceAtCut(
        stored,
        [seg("recorded", null, "2025-03-05T00:00:00Z", "2025-03-06T00:00:00Z")],
        cut,
        t("2025-03-04T00:00:00Z"),
      ),
    ).toBeNull();
    expect(
      spliceAtCut(
        undefined,
        [seg("partial", "write_only", "2025-03-05T00:00:00Z", "2025-03-06T00:00:00Z")],
        cut,
        t("2025-03-04T20:00:00Z"),
      ),
    ).toBeNull();
  });
});
