// Who opened a gap: the event-history record attached to the coverage report's gaps (and so to the
// CSV, the PDF and the Reports page), matched by cause, account or organization trail, and time.
import { describe, expect, it } from "vitest";
import { attributeGap, describeActor, eventsFor, type GapEvent } from "@/lib/coverage/attribute-gaps";
import { every, orgTrail, ORG_TRAIL_ARN, reportFor, snapshot, trail } from "./history";

const MEMBER = "222222222222";
const MANAGEMENT = "111111111111";
const s = (iso: string) => Date.parse(iso) / 1000;
const BOB = "arn:aws:iam::222222222222:user/bob";
const CAROL = "arn:aws:iam::333333333333:user/carol";
const MALLORY = "arn:aws:sts::111111111111:assumed-role/Admin/mallory";

function event(overrides: Partial<GapEvent>): GapEvent {
  return {
    accountId: MEMBER,
    eventName: "StopLogging",
    eventTime: s("2025-03-05T05:30:00Z"),
    actorArn: BOB,
    sourceIp: "203.0.113.7",
    trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
    organization: false,
    ...overrides,
  };
}

describe("attributeGap", () => {
  const gap = { start: s("2025-03-05T05:30:00Z"), end: s("2025-03-05T06:30:00Z"), cause: "logging_stopped" as const };

  it("names the StopLogging at the start of a gap dated by AWS, and says it in words", () => {
    const actor = attributeGap({ ...gap, boundedBy: "aws" }, [[event({})]]);
    expect(actor).toEqual({
      arn: BOB,
      sourceIp: "203.0.113.7",
      eventTime: "2025-03-05T05:30:00.000Z",
      eventName: "StopLogging",
      trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
    });
    expect(describeActor(actor!)).toBe(`Stopped by ${BOB} at 2025-03-05 05:30:00 UTC from 203.0.113.7`);
  });

  it("needs an event that can open the cause, successful in time: not a start, not one after the gap or long before", () => {
    expect(attributeGap({ ...gap, boundedBy: "aws" }, [[event({ eventName: "StartLogging" })]])).toBeNull();
    expect(attributeGap({ ...gap, boundedBy: "aws" }, [[event({ eventName: "DeleteTrail" })]])).toBeNull();
    expect(attributeGap({ ...gap, boundedBy: "aws" }, [[event({ eventTime: gap.end })]])).toBeNull();
    expect(attributeGap({ ...gap, boundedBy: "aws" }, [[event({ eventTime: gap.start - 3600 })]])).toBeNull();
    expect(attributeGap({ ...gap, cause: "collection_error", boundedBy: "snapshots" }, [[event({})]])).toBeNull();
  });

  it("a gap dated by our snapshots starts before the change: the first matching event inside it", () => {
    const deleted = {
      start: s("2025-03-05T04:00:00Z"),
      end: s("2025-03-06T00:00:00Z"),
      cause: "trail_deleted" as const,
    };
    const events = [
      event({ eventName: "DeleteTrail", eventTime: s("2025-03-05T06:10:00Z") }),
      event({
        eventName: "DeleteTrail",
        eventTime: s("2025-03-05T09:00:00Z"),
        actorArn: "arn:aws:iam::222222222222:user/eve",
      }),
    ];
    expect(attributeGap({ ...deleted, boundedBy: "snapshots" }, [events])).toMatchObject({
      arn: BOB,
      eventName: "DeleteTrail",
      eventTime: "2025-03-05T06:10:00.000Z",
    });
  });

  it("an account's gaps are explained by its own events and organization trails' events, not another account's", () => {
    const others = [
      event({ accountId: "333333333333", actorArn: "arn:aws:iam::333333333333:user/carol" }),
      event({ accountId: MANAGEMENT, actorArn: MALLORY, trailArn: ORG_TRAIL_ARN, organization: true }),
    ];
    expect(eventsFor(MEMBER, others).map((list) => list.map((e) => e.actorArn))).toEqual([[], [MALLORY]]);
    expect(eventsFor("333333333333", others).map((list) => list.length)).toEqual([1, 1]);
  });
});

describe("the coverage report's gaps carry their actor", () => {
  it("a member's gap opened by stopping the organization trail names the management account's caller", () => {
    const stopped = orgTrail({ isLogging: false, stopLoggingTime: "2025-03-05T05:30:00Z" });
    const own = { arn: "arn:aws:cloudtrail:us-east-1:333333333333:trail/main", ownerAccountId: "333333333333" };
    const ownStopped = trail(own, { isLogging: false, stopLoggingTime: "2025-03-05T05:30:00Z" });
    const later = reportFor(
      [
        {
          accountId: MEMBER,
          snapshots: [
            ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [orgTrail()]),
            snapshot("2025-03-05T08:00:00Z", [stopped]),
            snapshot("2025-03-05T12:00:00Z", [stopped]),
          ],
        },
        {
          accountId: "333333333333",
          snapshots: [
            ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [trail(own)], {
              accountId: "333333333333",
            }),
            snapshot("2025-03-05T08:00:00Z", [ownStopped], { accountId: "333333333333" }),
            snapshot("2025-03-05T12:00:00Z", [ownStopped], { accountId: "333333333333" }),
          ],
        },
      ],
      "2025-03-01",
      "2025-03-10",
      [
        event({ accountId: MANAGEMENT, actorArn: MALLORY, trailArn: ORG_TRAIL_ARN, organization: true }),
        // 333 stopped its own trail at the same second: its own history explains its gap.
        event({ accountId: "333333333333", actorArn: CAROL, trailArn: own.arn }),
        // The management account's own trail, not an organization trail: explains nothing elsewhere.
        event({
          accountId: MANAGEMENT,
          actorArn: "arn:aws:iam::111111111111:user/ops",
          trailArn: "arn:aws:cloudtrail:us-east-1:111111111111:trail/local",
        }),
      ],
    );
    const other = later.accounts[1]!.regions.flatMap((r) => r.gaps.filter((g) => g.cause === "logging_stopped"));
    expect(other.length).toBe(2);
    for (const g of other) expect(g).toMatchObject({ start: "2025-03-05T05:30:00.000Z", actor: { arn: CAROL } });
    const gaps = later.accounts[0]!.regions.flatMap((r) => r.gaps.filter((g) => g.cause === "logging_stopped"));
    expect(gaps.length).toBe(2);
    for (const g of gaps)
      expect(g).toMatchObject({ start: "2025-03-05T05:30:00.000Z", actor: { arn: MALLORY, eventName: "StopLogging" } });
    // The unknown time after our last collection is nobody's doing.
    const unknown = later.accounts[0]!.regions.flatMap((r) => r.gaps.filter((g) => g.cause !== "logging_stopped"));
    expect(unknown.every((g) => g.actor === null)).toBe(true);
  });
});
