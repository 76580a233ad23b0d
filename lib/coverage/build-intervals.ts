// An account's snapshots, in order, become one coverage timeline per region over the span of our
// evidence [first good snapshot, last snapshot). This is the method the report states in words
// (lib/coverage/method-text.ts); keep the two in step.
//
// Evidence rules:
// - A good snapshot (status ok or partial) is what AWS said at that instant.
// - Between two good snapshots at most MAX_BRIDGE_SECONDS apart, the window is judged from both
//   ends and CloudTrail's status timestamps (judge-window.ts), whether or not collections failed in
//   between: a failed collection says nothing about AWS.
// - Further apart, we vouch for the window only up to the first failed collection in it (or for
//   MAX_BRIDGE_SECONDS if none failed); the rest is unknown ("collection_error" when collections
//   failed, "no_evidence" when none ran).
// - After the last good snapshot, failed collections make the time up to the last of them
//   unknown ("collection_error"); nothing is claimed past the last snapshot.
// - A region is unknown ("no_evidence") until the first good snapshot that lists it.
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { toSeconds } from "@/lib/coverage/build-logging-timeline";
import type { Coverage, GapCause, Segment } from "@/lib/coverage/coverage-types";
import { judgeWindow } from "@/lib/coverage/judge-window";
import { clipSegments, mergeSegments } from "@/lib/coverage/merge-segments";

export const MAX_BRIDGE_SECONDS = 48 * 3600;

/** The parts of a snapshot coverage reads (rebuilds select only these from Postgres). */
export type CoverageEvidenceState = Pick<AccountSnapshotState, "accountId" | "regions" | "trails" | "unreadTrails">;

export interface EvidenceSnapshot {
  collectedAt: Date | string;
  status: string; // ok | partial | error
  state: CoverageEvidenceState | null;
}

export interface AccountTimelines {
  snapshotCount: number;
  firstGoodAt: number | null;
  lastGoodAt: number | null;
  /** The last snapshot of any status: nothing is claimed after it. */
  evidenceTo: number | null;
  /** Region → first seen (seconds). */
  regions: Record<string, number>;
  /** Region → merged segments covering [firstGoodAt, evidenceTo). */
  timelines: Map<string, Segment[]>;
}

export interface BuildIntervalsOptions {
  /** Regions already seen before these snapshots (incremental rebuilds), with first-seen times. */
  knownRegions?: Record<string, number>;
}

interface Evidence {
  at: number;
  state: CoverageEvidenceState | null;
}

/** What judging a window depends on; two snapshots with equal fingerprints judge alike. */
function fingerprint(state: CoverageEvidenceState): string {
  return JSON.stringify([
    state.trails.map((t) => [t.arn, t.homeRegion, t.isMultiRegionTrail, t.eventSelectors, t.status]),
    state.unreadTrails ?? [],
  ]);
}

function unknown(start: number, end: number, cause: GapCause): Segment {
  return { state: "unknown", cause, start, end, startBound: "snapshots" };
}

export function buildIntervals(snapshots: EvidenceSnapshot[], options: BuildIntervalsOptions = {}): AccountTimelines {
  const all: Evidence[] = snapshots
    .map((s) => ({ at: toSeconds(s.collectedAt) ?? NaN, state: s.status === "error" ? null : s.state }))
    .filter((e) => Number.isFinite(e.at))
    .sort((x, y) => x.at - y.at);
  const good: (Evidence & { state: CoverageEvidenceState; print: string })[] = [];
  for (const e of all) {
    if (!e.state) continue;
    const state = e.state;
    const entry = { at: e.at, state, print: fingerprint(state) };
    if (good.length && good[good.length - 1]!.at === e.at) good[good.length - 1] = entry;
    else good.push(entry);
  }
  const failures = all.filter((e) => !e.state).map((e) => e.at);
  const evidenceTo = all.length ? all[all.length - 1]!.at : null;
  const result: AccountTimelines = {
    snapshotCount: snapshots.length,
    firstGoodAt: good[0]?.at ?? null,
    lastGoodAt: good[good.length - 1]?.at ?? null,
    evidenceTo,
    regions: { ...options.knownRegions },
    timelines: new Map(),
  };
  if (!good.length || evidenceTo === null) return result;

  for (const g of good) {
    for (const r of g.state.regions) {
      if (r.status === "disabled") continue;
      const seen = result.regions[r.region];
      if (seen === undefined || g.at < seen) result.regions[r.region] = g.at;
    }
  }
  const regions = Object.keys(result.regions).sort();
  const segments = new Map<string, Segment[]>(regions.map((r) => [r, []]));
  const push = (region: string, s: Segment[]) => segments.get(region)!.push(...s);

  // Most windows sit between two identical snapshots: their coverage is constant, so it is judged
  // once per configuration and region class and reused.
  const steady = new Map<string, Coverage>();
  let f = 0; // first failure after the current window's start
  for (let i = 0; i < good.length; i++) {
    const a = good[i]!;
    const b = good[i + 1];
    while (f < failures.length && failures[f]! <= a.at) f++;
    if (!b) {
      if (evidenceTo > a.at) for (const r of regions) push(r, [unknown(a.at, evidenceTo, "collection_error")]);
      break;
    }
    const failedInWindow = f < failures.length && failures[f]! < b.at;
    let judgedEnd = b.at;
    if (b.at - a.at > MAX_BRIDGE_SECONDS) {
      judgedEnd = Math.min(failedInWindow ? failures[f]! : Infinity, a.at + MAX_BRIDGE_SECONDS);
    }
    // Regions that no single-region trail calls home are judged alike: judge each class once.
    const homes = new Set(
      [...a.state.trails, ...b.state.trails].filter((t) => !t.isMultiRegionTrail).map((t) => t.homeRegion),
    );
    const judged = new Map<string, Segment[]>();
    for (const r of regions) {
      if (result.regions[r]! > a.at) {
        push(r, [unknown(a.at, b.at, "no_evidence")]);
        continue;
      }
      const key = homes.has(r) ? r : "";
      let window = judged.get(key);
      if (!window) {
        const cacheKey = a.print === b.print ? `${key}\u0000${a.print}` : null;
        const known = cacheKey ? steady.get(cacheKey) : undefined;
        let judgedWindow: Segment[];
        if (known) judgedWindow = [{ ...known, start: a.at, end: b.at, startBound: "snapshots" }];
        else {
          judgedWindow = judgeWindow(a.state, b.state, a.at, b.at, r);
          if (cacheKey && judgedWindow.length === 1)
            steady.set(cacheKey, { state: judgedWindow[0]!.state, cause: judgedWindow[0]!.cause });
        }
        window = clipSegments(judgedWindow, a.at, judgedEnd);
        if (judgedEnd < b.at)
          window.push(unknown(judgedEnd, b.at, failedInWindow ? "collection_error" : "no_evidence"));
        judged.set(key, window);
      }
      push(r, window); // shared safely: mergeSegments copies what it keeps
    }
  }
  for (const r of regions) result.timelines.set(r, mergeSegments(segments.get(r)!));
  return result;
}

/** Bump when a rule above changes: every account's rollups are then rebuilt in full. */
export const COVERAGE_RULE_VERSION = 1;
