// CloudTrail's delivered record laid over snapshot coverage: proved hours replace "no evidence",
// hours with no digest become gaps dated by the digests, log files date delivery, partial trails
// stay partial, and nothing the record cannot know (what was selected) is overridden.
import { describe, expect, it } from "vitest";
import { applyRecordEvidence, subtractSpans, type RegionRecord } from "@/lib/coverage/apply-record-evidence";
import type { StoredGap } from "@/lib/coverage/coverage-types";

const H = 3600;
const period = { start: 0, end: 240 * H };
const FIRST = 200 * H; // our first collection
const before: StoredGap = {
  region: "us-east-1",
  start: 0,
  end: FIRST,
  state: "unknown",
  cause: "no_evidence",
  startBound: "snapshots",
  endBound: "snapshots",
};
const record = (r: Partial<RegionRecord>): RegionRecord => ({
  proved: [],
  delivered: [],
  partial: [],
  missing: [],
  ...r,
});

describe("applyRecordEvidence", () => {
  it("proves the time before the first collection and dates a stop to the hour", () => {
    const out = applyRecordEvidence(
      "us-east-1",
      [before],
      record({
        proved: [
          { start: 10 * H + 91, end: 50 * H + 91 },
          { start: 53 * H + 91, end: 240 * H },
        ],
        missing: [{ start: 50 * H + 91, end: 53 * H + 91 }],
      }),
      period,
    );
    expect(out.evidence).toBe("digests");
    expect(out.gaps.map((g) => [g.cause, g.start, g.end, g.boundedBy])).toEqual([
      ["no_evidence", 0, 10 * H + 91, "snapshots"],
      ["no_digest", 50 * H + 91, 53 * H + 91, "digests"],
    ]);
    expect(out.gaps[1]!.state).toBe("not_recorded");
  });

  it("lets another trail's record fill a chain's missing hours, and log files date delivery", () => {
    const out = applyRecordEvidence(
      "us-east-1",
      [before],
      record({
        proved: [{ start: 100 * H, end: 240 * H }],
        delivered: [{ start: 0, end: 100 * H }],
        missing: [{ start: 120 * H, end: 123 * H }],
      }),
      period,
    );
    expect(out.gaps).toEqual([]);

    const quiet = applyRecordEvidence(
      "us-east-1",
      [before],
      record({ delivered: [{ start: 0, end: 20 * H }] }),
      period,
    );
    expect(quiet.evidence).toBe("log-files");
    expect(quiet.gaps.map((g) => [g.cause, g.start, g.end, g.boundedBy])).toEqual([
      ["no_evidence", 20 * H, FIRST, "snapshots"],
    ]);
    expect(quiet.gaps[0]!.startBound).toBe("log-files");
  });

  it("keeps what snapshots know about selectors, and a partial trail before the first collection is partial", () => {
    const writeOnly: StoredGap = { ...before, start: FIRST, end: 240 * H, state: "partial", cause: "write_only" };
    const out = applyRecordEvidence(
      "us-east-1",
      [before, writeOnly],
      record({ partial: [{ start: 0, end: 240 * H, gap: { state: "partial", cause: "write_only" } }] }),
      period,
    );
    expect(out.gaps.map((g) => [g.cause, g.start, g.end, g.boundedBy])).toEqual([
      ["write_only", 0, FIRST, "digests"],
      ["write_only", FIRST, 240 * H, "snapshots"],
    ]);
  });

  it("changes nothing without a record", () => {
    const out = applyRecordEvidence("us-east-1", [before], undefined, period);
    expect(out).toMatchObject({ evidence: "snapshots", gaps: [{ cause: "no_evidence", boundedBy: "snapshots" }] });
  });

  it("subtracts spans", () => {
    expect(
      subtractSpans({ start: 0, end: 10 }, [
        { start: 2, end: 3 },
        { start: 5, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
  });
});
