// Who opened a gap: the CloudTrail mutation (read by the watch from event history, TrailEvent rows)
// that explains a gap's cause, attached to the report's gap as `actor` ("stopped by <ARN> at <time>").
// Pure, in whole seconds like the rest of lib/coverage; read-gap-events.ts loads the events.
//
// Matching: an event of a name that can open the gap's cause (StopLogging for logging_stopped,
// DeleteTrail for trail_deleted, PutEventSelectors for partial selectors, ...), successful, made in
// the gap's account or on an organization trail (whose events are in its owner's history), at or
// after the gap's start (less a slack) and before its end; the earliest wins. A gap dated by AWS's
// StopLogging time starts at the event itself; a gap dated by our snapshots starts at the last
// collection that saw logging, before the event; one dated by digests starts on the hour before.
import type { GapCause, ReportBound } from "@/lib/coverage/coverage-types";

/** The change behind a gap, as the event history told it. */
export interface GapActor {
  /** The caller (an IAM user, an assumed role's session, root); null when the event names none. */
  arn: string | null;
  sourceIp: string | null;
  eventTime: string; // ISO-8601
  eventName: string;
  /** The trail the event was about. */
  trailArn: string | null;
}

export interface GapEvent {
  accountId: string;
  eventName: string;
  eventTime: number; // seconds
  actorArn: string | null;
  sourceIp: string | null;
  trailArn: string | null;
  /** The trail was an organization trail when the event happened: it explains every member's gaps. */
  organization: boolean;
}

/** The events that can open a gap of each cause (unknown time is never someone's doing). */
export const CAUSE_EVENTS: Record<GapCause, readonly string[]> = {
  logging_stopped: ["StopLogging"],
  trail_deleted: ["DeleteTrail"],
  no_trail: ["DeleteTrail", "UpdateTrail"],
  write_only: ["PutEventSelectors"],
  read_only: ["PutEventSelectors"],
  excluded_event_sources: ["PutEventSelectors"],
  no_management_events: ["PutEventSelectors"],
  not_multi_region: ["UpdateTrail"],
  no_digest: ["StopLogging", "UpdateTrail", "DeleteTrail"],
  no_evidence: [],
  collection_error: [],
};

/** How far before a gap's start its event may lie, by what dated the start. */
const SLACK: Record<ReportBound, number> = { aws: 60, snapshots: 60, digests: 3600, "log-files": 3600 };

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The events that may explain gaps of `accountId`, each list by time: its own, then organization trails'. */
export function eventsFor(accountId: string, events: GapEvent[]): GapEvent[][] {
  const byTime = (a: GapEvent, b: GapEvent) => a.eventTime - b.eventTime;
  return [
    events.filter((e) => e.accountId === accountId).sort(byTime),
    events.filter((e) => e.accountId !== accountId && e.organization).sort(byTime),
  ];
}

/**
 * The actor of one gap, or null. The account's own history is asked first: a trail it stopped
 * itself is in it; an organization trail's change, in its owner's history, explains the rest.
 */
export function attributeGap(
  gap: { start: number; end: number; cause: GapCause; boundedBy: ReportBound },
  sources: GapEvent[][],
): GapActor | null {
  const names = CAUSE_EVENTS[gap.cause];
  if (names.length === 0) return null;
  const from = gap.start - SLACK[gap.boundedBy];
  const matches = (x: GapEvent) => x.eventTime >= from && x.eventTime < gap.end && names.includes(x.eventName);
  const e = sources.map((events) => events.find(matches)).find(Boolean);
  if (!e) return null;
  return {
    arn: e.actorArn,
    sourceIp: e.sourceIp,
    eventTime: iso(e.eventTime),
    eventName: e.eventName,
    trailArn: e.trailArn,
  };
}

const VERB: Record<string, string> = {
  StopLogging: "Stopped",
  DeleteTrail: "Deleted",
  UpdateTrail: "Changed (UpdateTrail)",
  PutEventSelectors: "Selectors changed",
};

/** "Stopped by arn:aws:iam::…:user/bob at 2026-11-30 14:02:00 UTC from 203.0.113.7". */
export function describeActor(actor: GapActor): string {
  const when = actor.eventTime.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  const who = actor.arn ?? "an unnamed caller";
  return `${VERB[actor.eventName] ?? actor.eventName} by ${who} at ${when}${actor.sourceIp ? ` from ${actor.sourceIp}` : ""}`;
}
