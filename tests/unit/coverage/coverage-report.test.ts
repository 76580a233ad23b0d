// Synthetic histories with known gaps: exact percentages and gap bounds, through the same
// intervals → rollups → report path the database uses.
import { describe, expect, it } from "vitest";
import type { CoverageReportRegion } from "@/lib/coverage/report-types";
import { every, orgTrail, reportFor, trail, WRITE_ONLY } from "./history";

const FROM = "2025-03-01";
const TO = "2025-03-10"; // ten days: 864,000 s per region
const region = (r: ReturnType<typeof reportFor>, name: string): CoverageReportRegion =>
  r.accounts[0]!.regions.find((x) => x.region === name)!;

describe("coverage report over synthetic histories", () => {
  it("dates an interruption that starts and ends between two collections by StopLoggingTime/StartLoggingTime", () => {
    const restarted = trail({}, { stopLoggingTime: "2025-03-05T05:30:00Z", startLoggingTime: "2025-03-05T06:30:00Z" });
    const snapshots = [
      ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [trail()]),
      ...every(4, "2025-03-05T08:00:00Z", "2025-03-15T00:00:00Z", [restarted]),
    ];
    const report = reportFor([{ accountId: "222222222222", snapshots }], FROM, TO);
    for (const name of ["us-east-1", "eu-west-1"]) {
      expect(region(report, name)).toEqual({
        region: name,
        recordedPct: 99.58,
        partialPct: 0,
        notRecordedPct: 0.42,
        unknownPct: 0,
        gaps: [
          {
            start: "2025-03-05T05:30:00.000Z",
            end: "2025-03-05T06:30:00.000Z",
            cause: "logging_stopped",
            durationSeconds: 3600,
            boundedBy: "aws",
            actor: null,
          },
        ],
        evidence: "snapshots",
        integrity: {
          digests: 0,
          valid: 0,
          invalid: [],
          missingHours: [],
          logFilesChecked: 0,
          logFilesMissing: [],
          logFilesModified: [],
        },
      });
    }
    expect(report.accounts[0]!.recordedPct).toBe(99.58);
  });

  it("bounds a deleted trail by our snapshots and keeps the cause until a new trail starts logging", () => {
    const replacement = trail(
      { arn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/new", name: "new" },
      { startLoggingTime: "2025-03-06T09:15:00Z" },
    );
    const snapshots = [
      ...every(4, "2025-02-20T00:00:00Z", "2025-03-04T16:00:00Z", [trail()]),
      ...every(4, "2025-03-04T16:00:00Z", "2025-03-06T12:00:00Z", []),
      ...every(4, "2025-03-06T12:00:00Z", "2025-03-15T00:00:00Z", [replacement]),
    ];
    const r = region(reportFor([{ accountId: "222222222222", snapshots }], FROM, TO), "us-east-1");
    expect(r.gaps).toEqual([
      {
        start: "2025-03-04T12:00:00.000Z",
        end: "2025-03-06T09:15:00.000Z",
        cause: "trail_deleted",
        durationSeconds: 162_900,
        boundedBy: "snapshots",
        actor: null,
      },
    ]);
    expect([r.recordedPct, r.partialPct, r.notRecordedPct, r.unknownPct]).toEqual([81.15, 0, 18.85, 0]);
  });

  it("counts a write-only period as partial, from the collection before the change to the one after the fix", () => {
    const writeOnly = trail({ eventSelectors: WRITE_ONLY });
    const snapshots = [
      ...every(4, "2025-02-20T00:00:00Z", "2025-03-03T00:00:00Z", [trail()]),
      ...every(4, "2025-03-03T00:00:00Z", "2025-03-03T20:00:00Z", [writeOnly]),
      ...every(4, "2025-03-03T20:00:00Z", "2025-03-15T00:00:00Z", [trail()]),
    ];
    const r = region(reportFor([{ accountId: "222222222222", snapshots }], FROM, TO), "eu-west-1");
    expect([r.recordedPct, r.partialPct, r.notRecordedPct, r.unknownPct]).toEqual([90, 10, 0, 0]);
    expect(r.gaps).toEqual([
      {
        start: "2025-03-02T20:00:00.000Z",
        end: "2025-03-03T20:00:00.000Z",
        cause: "write_only",
        durationSeconds: 86_400,
        boundedBy: "snapshots",
        actor: null,
      },
    ]);
  });

  it("credits the organization trail to a member account that owns no trail", () => {
    const snapshots = every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [orgTrail()], {
      accountId: "333333333333",
    });
    const report = reportFor([{ accountId: "333333333333", snapshots }], FROM, TO);
    expect(report.accounts[0]!.recordedPct).toBe(100);
    for (const r of report.accounts[0]!.regions) expect([r.recordedPct, r.gaps]).toEqual([100, []]);
    expect(report.summary.accountsFullyRecorded).toBe(1);
  });

  it("a single-region trail covers only its home region", () => {
    const local = trail({ isMultiRegionTrail: false, homeRegion: "us-east-1" });
    const report = reportFor(
      [{ accountId: "222222222222", snapshots: every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [local]) }],
      FROM,
      TO,
    );
    expect(region(report, "us-east-1")).toMatchObject({ recordedPct: 100, gaps: [] });
    expect(region(report, "eu-west-1")).toEqual({
      region: "eu-west-1",
      recordedPct: 0,
      partialPct: 0,
      notRecordedPct: 100,
      unknownPct: 0,
      gaps: [
        {
          start: "2025-03-01T00:00:00.000Z",
          end: "2025-03-11T00:00:00.000Z",
          cause: "not_multi_region",
          durationSeconds: 864_000,
          boundedBy: "snapshots",
          actor: null,
        },
      ],
      evidence: "snapshots",
      integrity: {
        digests: 0,
        valid: 0,
        invalid: [],
        missingHours: [],
        logFilesChecked: 0,
        logFilesMissing: [],
        logFilesModified: [],
      },
    });
    expect(report.accounts[0]!.recordedPct).toBe(50);
  });

  it("is unknown before the first evidence", () => {
    const snapshots = every(4, "2025-03-03T06:00:00Z", "2025-03-15T00:00:00Z", [trail()]);
    const r = region(reportFor([{ accountId: "222222222222", snapshots }], FROM, TO), "us-east-1");
    expect([r.recordedPct, r.partialPct, r.notRecordedPct, r.unknownPct]).toEqual([77.5, 0, 0, 22.5]);
    expect(r.gaps).toEqual([
      {
        start: "2025-03-01T00:00:00.000Z",
        end: "2025-03-03T06:00:00.000Z",
        cause: "no_evidence",
        durationSeconds: 194_400,
        boundedBy: "snapshots",
        actor: null,
      },
    ]);
  });

  it("clips a gap that began before the period to the period", () => {
    const stopped = trail({}, { isLogging: false, stopLoggingTime: "2025-02-27T10:00:00Z" });
    const resumed = trail({}, { stopLoggingTime: "2025-02-27T10:00:00Z", startLoggingTime: "2025-03-02T10:00:00Z" });
    const snapshots = [
      ...every(4, "2025-02-20T00:00:00Z", "2025-02-27T12:00:00Z", [trail()]),
      ...every(4, "2025-02-27T12:00:00Z", "2025-03-02T12:00:00Z", [stopped]),
      ...every(4, "2025-03-02T12:00:00Z", "2025-03-15T00:00:00Z", [resumed]),
    ];
    const r = region(reportFor([{ accountId: "222222222222", snapshots }], FROM, TO), "us-east-1");
    expect(r.gaps).toEqual([
      {
        start: "2025-03-01T00:00:00.000Z",
        end: "2025-03-02T10:00:00.000Z",
        cause: "logging_stopped",
        durationSeconds: 122_400,
        boundedBy: "aws",
        actor: null,
      },
    ]);
    expect([r.recordedPct, r.notRecordedPct]).toEqual([85.83, 14.17]);
  });

  it("bridges a short collection outage but not one longer than 48 hours", () => {
    const ok = (from: string, to: string) => every(4, from, to, [trail()]);
    const failed = (from: string, to: string) => every(4, from, to, [], { status: "error" });
    const snapshots = [
      ...ok("2025-02-20T00:00:00Z", "2025-03-02T04:00:00Z"),
      ...failed("2025-03-02T04:00:00Z", "2025-03-02T12:00:00Z"), // 8 h: bridged
      ...ok("2025-03-02T12:00:00Z", "2025-03-05T00:00:00Z"),
      ...failed("2025-03-05T00:00:00Z", "2025-03-08T00:00:00Z"), // 76 h between good snapshots
      ...ok("2025-03-08T00:00:00Z", "2025-03-15T00:00:00Z"),
    ];
    const r = region(reportFor([{ accountId: "222222222222", snapshots }], FROM, TO), "us-east-1");
    expect(r.gaps).toEqual([
      {
        start: "2025-03-05T00:00:00.000Z",
        end: "2025-03-08T00:00:00.000Z",
        cause: "collection_error",
        durationSeconds: 259_200,
        boundedBy: "snapshots",
        actor: null,
      },
    ]);
    expect([r.recordedPct, r.unknownPct]).toEqual([70, 30]);
  });

  it("summarizes the organization", () => {
    const member = every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [orgTrail()], {
      accountId: "333333333333",
    });
    const local = every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [trail({ isMultiRegionTrail: false })]);
    const report = reportFor(
      [
        { accountId: "333333333333", snapshots: member },
        { accountId: "222222222222", snapshots: local },
        { accountId: "444444444444", snapshots: [] },
      ],
      FROM,
      TO,
    );
    expect(report.period).toEqual({ from: "2025-03-01T00:00:00.000Z", to: "2025-03-11T00:00:00.000Z" });
    expect(report.summary).toMatchObject({
      accounts: 3,
      accountRegions: 4,
      recordedPct: 75,
      notRecordedPct: 25,
      accountsFullyRecorded: 1,
      accountsWithGaps: 1,
      accountsWithUnknown: 1,
      gapCount: 1,
      gapsByCause: { not_multi_region: { count: 1, seconds: 864_000 } },
      longestGap: { accountId: "222222222222", region: "eu-west-1", durationSeconds: 864_000 },
    });
    expect(report.accounts[2]).toEqual({
      accountId: "444444444444",
      name: "444444444444",
      recordedPct: 0,
      regions: [],
    });
  });
});
