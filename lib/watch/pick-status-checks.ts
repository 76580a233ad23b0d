// Which of an account's trails get a GetTrailStatus every round: those whose stop can move a
// verdict, so such a stop is seen within one interval. The others' StopLogging, StartLogging and
// DeleteTrail are still seen, from the event history read every round anyway (later: event
// history lags a few minutes), and trigger the same collection.
//
// - An organization trail always: its stop moves every member's verdicts.
// - A trail whose state the watch does not know well enough (logging unknown, or a baseline from
//   before these fields were kept) always.
// - Otherwise one logging trail that alone satisfies CloudTrail.1 (multi-region, all management
//   events): while it logs, no other trail's stop moves CloudTrail.1 or CloudTrail.3 ("some
//   trail ..."); if it stops, CloudTrail.1 moves and we see it. Without one, one logging trail
//   (CloudTrail.3 needs some trail logging; stopping another leaves it PASSED). A trail not
//   logging can only start again, which moves no verdict to FAILED and is seen in event history.
// Logging status feeds no other verdict (CloudTrail.2/4/5/9 are configuration, read from event
// history's UpdateTrail/PutEventSelectors), and coverage dates a stop by AWS's own StopLogging
// time at the next collection, whenever the watch noticed it.
import type { WatchedTrail } from "@/lib/watch/watch-types";

const qualifies = (t: WatchedTrail) => t.multiRegion === true && t.managementEvents === "all";

export function pickStatusChecks(trails: WatchedTrail[]): WatchedTrail[] {
  const sorted = [...trails].sort((a, b) => a.arn.localeCompare(b.arn));
  const picked = sorted.filter(
    (t) => t.organization || t.isLogging === null || t.multiRegion === undefined || t.managementEvents === undefined,
  );
  const logging = sorted.filter((t) => t.isLogging === true);
  const qualifying = logging.find(qualifies);
  if (qualifying) {
    if (!picked.some((t) => t.isLogging === true && qualifies(t))) picked.push(qualifying);
  } else if (logging.length > 0 && !picked.some((t) => t.isLogging === true)) {
    picked.push(logging[0]!);
  }
  return picked;
}
