// Incremental rebuilds recompute a region's timeline from a cut (a UTC midnight at or before the
// previous build's last good snapshot) onward. Evidence before the cut has not changed, so the
// stored gap running through the cut must continue into the new timeline with the same state:
// it is joined to the new first segment. Anything else means the stored rows do not match the
// snapshots, and the caller falls back to a full rebuild.
import type { Segment, StoredGap } from "@/lib/coverage/coverage-types";

export interface SpliceResult {
  /** The new timeline from the cut, its first segment extended back to the stored gap's start. */
  segments: Segment[];
  /** The stored gap that was joined (delete it before inserting the new gaps). */
  joined: StoredGap | null;
}

/**
 * `stored` is the gap with start < cut <= end, if any; `fromCut` the new timeline clipped to
 * start at the cut. Returns null when they disagree.
 */
export function spliceAtCut(
  stored: StoredGap | undefined,
  fromCut: Segment[],
  cut: number,
  unclippedStart: number | null,
): SpliceResult | null {
  const first = fromCut[0];
  if (!first || first.start !== cut) return null;
  if (!stored) {
    // Nothing stored runs through the cut: the new first segment must be recorded there, or
    // begin exactly at the cut.
    return first.state === "recorded" || unclippedStart === cut ? { segments: fromCut, joined: null } : null;
  }
  const sameState = stored.state === first.state;
  const sameCause = stored.cause === first.cause || (stored.cause === "trail_deleted" && first.cause === "no_trail");
  if (sameState && sameCause) {
    const head: Segment = { ...first, start: stored.start, startBound: stored.startBound, cause: stored.cause };
    return { segments: [head, ...fromCut.slice(1)], joined: stored };
  }
  // The stored gap ended exactly at the cut: a real transition there, keep it as it is.
  if (stored.end === cut) return { segments: fromCut, joined: null };
  return null;
}
