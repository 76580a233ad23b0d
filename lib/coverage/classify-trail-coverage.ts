// What one trail contributes to one region, and how several contributions combine.
// A trail covers a region when it is multi-region or the region is its home region; it records
// the region when it is also logging all read and write management events.
import type { TrailState } from "@/lib/collect/snapshot-types";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import type { Coverage, GapCause } from "@/lib/coverage/coverage-types";
import { RECORDED } from "@/lib/coverage/coverage-types";

const STATE_RANK = { recorded: 4, partial: 3, unknown: 2, not_recorded: 1 } as const;

// Among equal states, the cause that best explains the region: a stopped or deleted trail that
// applied says more than a trail living in another region.
const CAUSE_RANK: Record<GapCause, number> = {
  excluded_event_sources: 3,
  write_only: 2,
  read_only: 1,
  logging_stopped: 5,
  trail_deleted: 4,
  no_management_events: 3,
  not_multi_region: 2,
  no_trail: 1,
  collection_error: 2,
  no_evidence: 1,
  no_digest: 6,
};

function rank(c: Coverage): number {
  return STATE_RANK[c.state] * 10 + (c.cause ? CAUSE_RANK[c.cause] : 0);
}

export function better(a: Coverage, b: Coverage): Coverage {
  return rank(b) > rank(a) ? b : a;
}

export function worse(a: Coverage, b: Coverage): Coverage {
  return rank(b) < rank(a) ? b : a;
}

/** The region's coverage: the best contribution, or "no trail" when no trail is present at all. */
export function combineContributions(contributions: Coverage[]): Coverage {
  if (contributions.length === 0) return { state: "not_recorded", cause: "no_trail" };
  return contributions.reduce(better);
}

/** What the trail would give the region while logging (its configuration alone). */
export function trailConfiguration(trail: TrailState, region: string): Coverage {
  if (!trail.isMultiRegionTrail && trail.homeRegion !== region)
    return { state: "not_recorded", cause: "not_multi_region" };
  const events = judgeManagementEvents(trail.eventSelectors);
  switch (events.coverage) {
    case "all":
      return RECORDED;
    case "partial":
      return { state: "partial", cause: events.cause };
    case "none":
      return { state: "not_recorded", cause: "no_management_events" };
    case "unknown":
      return { state: "unknown", cause: "collection_error" };
  }
}

/** The configuration combined with the logging flag (null: GetTrailStatus failed). */
export function withLogging(configuration: Coverage, logging: boolean | null): Coverage {
  if (configuration.cause === "not_multi_region") return configuration;
  if (logging === false) return { state: "not_recorded", cause: "logging_stopped" };
  if (logging === null && (configuration.state === "recorded" || configuration.state === "partial")) {
    return { state: "unknown", cause: "collection_error" };
  }
  return configuration;
}

/** A trail present at one snapshot and gone at the next: what it gave the region in between. */
export function deletedTrailCoverage(trail: TrailState, region: string): Coverage {
  const before = withLogging(trailConfiguration(trail, region), trail.status?.isLogging ?? null);
  // If it covered the region, the deletion (not its old configuration) is what the auditor needs.
  return before.state === "not_recorded" ? before : { state: "not_recorded", cause: "trail_deleted" };
}
