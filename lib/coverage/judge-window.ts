// One region between two consecutive good snapshots A (at tA) and B (at tB): every trail of
// either snapshot contributes a small timeline, and the region takes the best contribution at
// each instant. Changes AWS dates (logging stopped or started) happen at AWS's time; changes it
// does not date (selectors, multi-region flag, deletion) are taken at the worse moment: a
// degradation from tA, an improvement only from tB.
import type { TrailState } from "@/lib/collect/snapshot-types";
import type { CoverageEvidenceState } from "@/lib/coverage/build-intervals";
import { buildLoggingTimeline } from "@/lib/coverage/build-logging-timeline";
import {
  combineContributions,
  deletedTrailCoverage,
  trailConfiguration,
  withLogging,
  worse,
} from "@/lib/coverage/classify-trail-coverage";
import type { Bound, Coverage, Segment } from "@/lib/coverage/coverage-types";
import { mergeSegments } from "@/lib/coverage/merge-segments";

interface TrackPoint {
  at: number;
  coverage: Coverage | null; // null: the trail does not exist (yet)
  bound: Bound;
}

function trackFor(
  a: TrailState | undefined,
  b: TrailState | undefined,
  region: string,
  tA: number,
  tB: number,
): TrackPoint[] {
  if (a && b) {
    const configuration = worse(trailConfiguration(a, region), trailConfiguration(b, region));
    return buildLoggingTimeline(a.status, b.status, tA, tB).map((p) => ({
      at: p.at,
      coverage: withLogging(configuration, p.logging),
      bound: p.bound,
    }));
  }
  if (a) return [{ at: tA, coverage: deletedTrailCoverage(a, region), bound: "snapshots" }];
  if (!b) return [];
  // Created in the window: it counts only from a start AWS dates inside the window.
  const configuration = trailConfiguration(b, region);
  let exists = false;
  return buildLoggingTimeline("absent", b.status, tA, tB).map((p) => {
    if (p.logging !== false) exists = true;
    return { at: p.at, coverage: exists ? withLogging(configuration, p.logging) : null, bound: p.bound };
  });
}

/**
 * The snapshot's trails, plus those ListTrails returned but that could not be read: they are
 * present (so not "deleted") with nothing known about them, which yields "unknown", never credit.
 */
function trailsOf(state: CoverageEvidenceState): Map<string, TrailState> {
  const trails = new Map(state.trails.map((t) => [t.arn, t]));
  for (const u of state.unreadTrails ?? []) {
    if (trails.has(u.arn)) continue;
    trails.set(u.arn, {
      arn: u.arn,
      name: u.name,
      homeRegion: u.homeRegion,
      ownerAccountId: state.accountId,
      appliesVia: "owned",
      isOrganizationTrail: false,
      isMultiRegionTrail: true, // not known: unknown everywhere rather than "not multi-region"
      includeGlobalServiceEvents: false,
      logFileValidationEnabled: false,
      status: null,
      eventSelectors: null,
      insightSelectors: null,
      tags: null,
    });
  }
  return trails;
}

export function judgeWindow(
  a: CoverageEvidenceState,
  b: CoverageEvidenceState,
  tA: number,
  tB: number,
  region: string,
): Segment[] {
  const before = trailsOf(a);
  const after = trailsOf(b);
  const arns = new Set([...before.keys(), ...after.keys()]);
  const tracks = [...arns].map((arn) => trackFor(before.get(arn), after.get(arn), region, tA, tB));

  const times = [...new Set(tracks.flatMap((t) => t.map((p) => p.at)).concat(tA))].sort((x, y) => x - y);
  const cursor = tracks.map(() => 0);
  const segments: Segment[] = [];
  for (let i = 0; i < times.length; i++) {
    const at = times[i]!;
    const contributions: Coverage[] = [];
    let bound: Bound = at === tA ? "snapshots" : "aws";
    tracks.forEach((track, k) => {
      let c = cursor[k] ?? 0;
      while (c + 1 < track.length && track[c + 1]!.at <= at) c++;
      cursor[k] = c;
      const point = track[c];
      if (!point || point.at > at) return;
      if (point.at === at && point.bound === "snapshots") bound = "snapshots";
      if (point.coverage) contributions.push(point.coverage);
    });
    const coverage = combineContributions(contributions);
    segments.push({ ...coverage, start: at, end: times[i + 1] ?? tB, startBound: bound });
  }
  return mergeSegments(segments);
}
