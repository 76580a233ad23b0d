// When was a trail logging between two of our collections? GetTrailStatus at the later
// collection reports the latest StartLogging and StopLogging times, which date a stop or a restart
// inside the window to the second. Where those times cannot explain what we saw (several toggles,
// a recreated trail, a missing timestamp) we assume the worse: no logging is credited that AWS's
// timestamps and our own observations do not both support.
import type { TrailStatusState } from "@/lib/collect/snapshot-types";
import type { Bound } from "@/lib/coverage/coverage-types";

export interface LoggingPoint {
  at: number; // seconds
  logging: boolean | null; // null: not known (GetTrailStatus failed)
  bound: Bound;
}

export function toSeconds(iso: string | Date | undefined | null): number | null {
  if (iso === undefined || iso === null) return null;
  const ms = iso instanceof Date ? iso.getTime() : Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

const LOGGING_RANK = (v: boolean | null) => (v === true ? 2 : v === null ? 1 : 0);

/**
 * Logging over [tA, tB), as change points starting at tA. `before` is the status at tA (null: not
 * known; "absent": the trail did not exist yet, so it counts as not logging until a dated start).
 */
export function buildLoggingTimeline(
  before: TrailStatusState | null | "absent",
  after: TrailStatusState | null,
  tA: number,
  tB: number,
): LoggingPoint[] {
  const initial = before === "absent" ? false : (before?.isLogging ?? null);
  if (after === null || initial === null) {
    // Without both ends there is nothing to simulate: the worse of what we know holds throughout.
    const end = after?.isLogging ?? null;
    const v = LOGGING_RANK(end) < LOGGING_RANK(initial) ? end : initial;
    return [{ at: tA, logging: v, bound: "snapshots" }];
  }

  const events: { at: number; start: boolean }[] = [];
  const started = toSeconds(after.startLoggingTime ?? after.timeLoggingStarted);
  const stopped = toSeconds(after.stopLoggingTime ?? after.timeLoggingStopped);
  if (started !== null && started > tA && started < tB) events.push({ at: started, start: true });
  if (stopped !== null && stopped > tA && stopped < tB) events.push({ at: stopped, start: false });
  events.sort((x, y) => x.at - y.at || Number(x.start) - Number(y.start));

  const points: LoggingPoint[] = [{ at: tA, logging: initial, bound: "snapshots" }];
  let logging: boolean = initial;
  const last = () => points[points.length - 1]!;
  for (const e of events) {
    if (e.start) {
      // A start while already logging means an undated stop came first: count none since the
      // last instant we can vouch for.
      if (logging) last().logging = false;
      points.push({ at: e.at, logging: true, bound: "aws" });
      logging = true;
    } else if (logging) {
      points.push({ at: e.at, logging: false, bound: "aws" });
      logging = false;
    }
    // A stop while not logging implies an undated start before it: never credited.
  }
  if (logging && !after.isLogging) last().logging = false; // undated stop: from the last known instant
  // (not logging but logging at tB: an undated start, effective only from tB: nothing to do)
  return compact(points);
}

function compact(points: LoggingPoint[]): LoggingPoint[] {
  const out: LoggingPoint[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (prev && prev.logging === p.logging) continue;
    out.push(p);
  }
  return out;
}
