// One account's watch check, against a fake CloudTrail: a quiet round costs one status call and one
// event-history read even with two trails, and the trail not status-checked is still seen stopping
// or going, from its events.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RunContext } from "@/lib/collect/run-context";
import { checkAccount } from "@/lib/watch/check-account";
import type { WatchedTrail } from "@/lib/watch/watch-types";

vi.mock("@/lib/watch/store-trail-events", () => ({
  // Every event is new to this round (the database's part is tested with the integration tests).
  storeTrailEvents: async <T>(events: T[]) => events,
}));

const ACCOUNT = "222222222222";
const arn = (name: string) => `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`;

function trail(name: string): WatchedTrail {
  return {
    arn: arn(name),
    name,
    homeRegion: "us-east-1",
    ownerAccountId: ACCOUNT,
    organization: false,
    isLogging: true,
    fingerprint: "[]",
    multiRegion: true,
    managementEvents: "all",
  };
}

let sent: { op: string; input: Record<string, unknown> }[] = [];
let history: { EventId: string; EventName: string; EventTime: Date; CloudTrailEvent: string }[] = [];

const ctx = {
  settings: { primaryRegion: "us-east-1" },
  client: () => ({
    send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const op = cmd.constructor.name.replace(/Command$/, "");
      sent.push({ op, input: cmd.input });
      if (op === "GetTrailStatus") return { IsLogging: true };
      if (op === "LookupEvents") return { Events: history };
      throw new Error(`unexpected ${op}`);
    },
  }),
} as unknown as RunContext;

function event(id: string, name: string, trailName: string) {
  return {
    EventId: id,
    EventName: name,
    EventTime: new Date(),
    CloudTrailEvent: JSON.stringify({
      userIdentity: { arn: `arn:aws:iam::${ACCOUNT}:user/bob` },
      sourceIPAddress: "203.0.113.7",
      requestParameters: { name: trailName },
    }),
  };
}

const input = () => ({ accountId: ACCOUNT, trails: [trail("a"), trail("b")], watermarks: {}, since: new Date() });

describe("checkAccount", () => {
  beforeEach(() => {
    sent = [];
    history = [];
  });

  it("with nothing changed: one GetTrailStatus (of the trail CloudTrail.1 rests on) and one LookupEvents", async () => {
    const out = await checkAccount(ctx, input());
    expect(out.changes).toEqual([]);
    expect(out.calls).toBe(2);
    expect(sent.map((s) => [s.op, s.input.Name ?? null])).toEqual([
      ["GetTrailStatus", arn("a")],
      ["LookupEvents", null],
    ]);
  });

  it("sees the other trail stop, then go, from its events", async () => {
    history = [event("e1", "StopLogging", "b")];
    const stopped = await checkAccount(ctx, input());
    expect(stopped.changes).toEqual([`logging stopped on ${arn("b")}`]);
    expect(stopped.trails.find((t) => t.name === "b")?.isLogging).toBe(false);
    expect(stopped.events.map((e) => [e.eventName, e.actorArn])).toEqual([
      ["StopLogging", `arn:aws:iam::${ACCOUNT}:user/bob`],
    ]);

    history = [event("e2", "DeleteTrail", "b")];
    const deleted = await checkAccount(ctx, input());
    expect(deleted.changes).toEqual([`trail deleted: ${arn("b")}`]);
    expect(deleted.trails.map((t) => t.name)).toEqual(["a"]);
  });
});
