// Timeline rules that the report tests do not reach directly.
import { describe, expect, it } from "vitest";
import { buildIntervals } from "@/lib/coverage/build-intervals";
import { every, snapshot, trail } from "./history";

const t = (iso: string) => Date.parse(iso) / 1000;

describe("buildIntervals", () => {
  it("a region first listed later is unknown until then", () => {
    const built = buildIntervals([
      ...every(4, "2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", [trail()], { regions: ["us-east-1"] }),
      ...every(4, "2025-03-02T00:00:00Z", "2025-03-03T00:00:00Z", [trail()], { regions: ["us-east-1", "ap-south-2"] }),
    ]);
    expect(built.regions).toEqual({ "us-east-1": t("2025-03-01T00:00:00Z"), "ap-south-2": t("2025-03-02T00:00:00Z") });
    expect(built.timelines.get("ap-south-2")).toEqual([
      {
        state: "unknown",
        cause: "no_evidence",
        start: t("2025-03-01T00:00:00Z"),
        end: t("2025-03-02T00:00:00Z"),
        startBound: "snapshots",
      },
      {
        state: "recorded",
        cause: null,
        start: t("2025-03-02T00:00:00Z"),
        end: t("2025-03-02T20:00:00Z"),
        startBound: "snapshots",
      },
    ]);
  });

  it("a trail listed but unreadable is unknown, not deleted", () => {
    const unread = snapshot("2025-03-01T04:00:00Z", []);
    unread.state!.unreadTrails = [{ arn: trail().arn, name: "main", homeRegion: "us-east-1" }];
    const built = buildIntervals([
      snapshot("2025-03-01T00:00:00Z", [trail()]),
      unread,
      snapshot("2025-03-01T08:00:00Z", [trail()]),
    ]);
    expect(built.timelines.get("us-east-1")!.map((s) => [s.state, s.cause])).toEqual([["unknown", "collection_error"]]);
  });

  it("claims nothing after the last good snapshot but failed collections", () => {
    const built = buildIntervals([
      ...every(4, "2025-03-01T00:00:00Z", "2025-03-01T12:00:00Z", [trail()]),
      snapshot("2025-03-01T12:00:00Z", [], { status: "error" }),
    ]);
    expect(built).toMatchObject({
      firstGoodAt: t("2025-03-01T00:00:00Z"),
      lastGoodAt: t("2025-03-01T08:00:00Z"),
      evidenceTo: t("2025-03-01T12:00:00Z"),
    });
    expect(built.timelines.get("eu-west-1")!.map((s) => [s.state, s.cause, s.end])).toEqual([
      ["recorded", null, t("2025-03-01T08:00:00Z")],
      ["unknown", "collection_error", t("2025-03-01T12:00:00Z")],
    ]);
  });
});
