// The watch's status checks: every trail whose stop can move a verdict is checked each round, and
// no more (the others are seen through event history), so a quiet round costs about two calls.
import { describe, expect, it } from "vitest";
import { pickStatusChecks } from "@/lib/watch/pick-status-checks";
import type { WatchedTrail } from "@/lib/watch/watch-types";

function t(name: string, over: Partial<WatchedTrail> = {}): WatchedTrail {
  return {
    arn: `arn:aws:cloudtrail:us-east-1:222222222222:trail/${name}`,
    name,
    homeRegion: "us-east-1",
    ownerAccountId: "222222222222",
    organization: false,
    isLogging: true,
    fingerprint: "[]",
    multiRegion: true,
    managementEvents: "all",
    ...over,
  };
}
const names = (trails: WatchedTrail[]) => pickStatusChecks(trails).map((x) => x.name);

describe("pickStatusChecks", () => {
  it("one trail: checked", () => {
    expect(names([t("main")])).toEqual(["main"]);
  });

  it("two full trails logging: one is enough (stopping the other leaves CloudTrail.1 and .3 PASSED)", () => {
    expect(names([t("b"), t("a")])).toEqual(["a"]);
  });

  it("prefers the trail CloudTrail.1 rests on over a single-region or partial one", () => {
    expect(
      names([t("a-local", { multiRegion: false }), t("b-full"), t("c-write", { managementEvents: "partial" })]),
    ).toEqual(["b-full"]);
  });

  it("without a full trail, one logging trail (CloudTrail.3); a stopped trail can only start again", () => {
    expect(
      names([t("a", { isLogging: false }), t("b", { multiRegion: false }), t("c", { multiRegion: false })]),
    ).toEqual(["b"]);
    expect(names([t("a", { isLogging: false })])).toEqual([]);
  });

  it("always the organization trail (every member's verdicts rest on it), plus a full trail if it is not one", () => {
    expect(names([t("org", { organization: true }), t("local")])).toEqual(["org"]);
    expect(names([t("org", { organization: true, managementEvents: "partial" }), t("local")])).toEqual([
      "org",
      "local",
    ]);
  });

  it("always a trail whose state is not known well enough (logging unknown, baseline without the fields)", () => {
    expect(names([t("a"), t("b", { isLogging: null })])).toEqual(["b", "a"]);
    expect(names([t("a"), t("b", { multiRegion: undefined, managementEvents: undefined })])).toEqual(["b", "a"]);
  });
});
