// Per-day rollups: seconds in each state for every UTC day a region's timeline touches. Seconds of
// a day outside the timeline (before the first or after the last evidence) count as unknown, so
// every row sums to 86,400.
import type { DayRollup, GapCause, Segment, StoredGap } from "@/lib/coverage/coverage-types";

export const DAY_SECONDS = 86_400;

export function dayString(daySeconds: number): string {
  return new Date(daySeconds * 1000).toISOString().slice(0, 10);
}

export function rollupDays(region: string, segments: Segment[]): DayRollup[] {
  const days = new Map<number, DayRollup & { causeSet: Set<GapCause> }>();
  const dayOf = (index: number) => {
    let d = days.get(index);
    if (!d) {
      d = {
        region,
        day: dayString(index * DAY_SECONDS),
        recorded: 0,
        partial: 0,
        notRecorded: 0,
        unknown: 0,
        causes: [],
        causeSet: new Set(),
      };
      days.set(index, d);
    }
    return d;
  };
  for (const s of segments) {
    let t = s.start;
    while (t < s.end) {
      const index = Math.floor(t / DAY_SECONDS);
      const stop = Math.min(s.end, (index + 1) * DAY_SECONDS);
      const d = dayOf(index);
      const seconds = stop - t;
      if (s.state === "recorded") d.recorded += seconds;
      else if (s.state === "partial") d.partial += seconds;
      else if (s.state === "not_recorded") d.notRecorded += seconds;
      if (s.cause) d.causeSet.add(s.cause);
      t = stop;
    }
  }
  return [...days.entries()]
    .sort(([x], [y]) => x - y)
    .map(([, d]) => {
      const { causeSet, ...row } = d;
      return {
        ...row,
        unknown: DAY_SECONDS - row.recorded - row.partial - row.notRecorded,
        causes: [...causeSet].sort(),
      };
    });
}

/** The intervals of a timeline that are not fully recorded, with how each end was dated. */
export function extractGaps(region: string, segments: Segment[]): StoredGap[] {
  const gaps: StoredGap[] = [];
  segments.forEach((s, i) => {
    if (s.state === "recorded" || s.cause === null) return;
    const next = segments[i + 1];
    gaps.push({
      region,
      start: s.start,
      end: s.end,
      state: s.state,
      cause: s.cause,
      startBound: s.startBound,
      endBound: next && next.start === s.end ? next.startBound : "snapshots",
    });
  });
  return gaps;
}
