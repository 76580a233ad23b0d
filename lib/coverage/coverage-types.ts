// The vocabulary of coverage: states, gap causes and the interval shapes every coverage module
// shares. Times inside lib/coverage are whole seconds since the epoch (UTC): AWS's timestamps and
// ours are floored to the second so per-day sums are exact integers.

export type CoverageState = "recorded" | "partial" | "not_recorded" | "unknown";

/** How an instant was dated: by CloudTrail's own status timestamps, or only by our collections. */
export type Bound = "aws" | "snapshots";

/**
 * How a reported gap was dated: "digests" by the hours of CloudTrail's signed digest chain,
 * "log-files" by the delivery times of its (unsigned) log files, otherwise as `Bound`.
 */
export type ReportBound = Bound | "digests" | "log-files";

export const GAP_CAUSES = [
  "no_trail",
  "logging_stopped",
  "trail_deleted",
  "write_only",
  "read_only",
  "excluded_event_sources",
  "no_management_events",
  "not_multi_region",
  "no_evidence",
  "collection_error",
  "no_digest",
] as const;
export type GapCause = (typeof GAP_CAUSES)[number];

export const CAUSE_LABELS: Record<GapCause, string> = {
  no_trail: "No trail",
  logging_stopped: "Logging stopped",
  trail_deleted: "Trail deleted",
  write_only: "Write-only management events",
  read_only: "Read-only management events",
  excluded_event_sources: "Event sources excluded",
  no_management_events: "Management events not logged",
  not_multi_region: "Not multi-region (trail in another region)",
  no_evidence: "No evidence",
  collection_error: "Collection failed",
  no_digest: "No digest delivered (logging or validation off)",
};

/** The state a cause belongs to (a gap in the report carries only its cause). */
export const CAUSE_STATE: Record<GapCause, Exclude<CoverageState, "recorded">> = {
  no_trail: "not_recorded",
  logging_stopped: "not_recorded",
  trail_deleted: "not_recorded",
  write_only: "partial",
  read_only: "partial",
  excluded_event_sources: "partial",
  no_management_events: "not_recorded",
  not_multi_region: "not_recorded",
  no_evidence: "unknown",
  collection_error: "unknown",
  no_digest: "not_recorded",
};

/** What one trail (or a whole region) amounts to at an instant. */
export interface Coverage {
  state: CoverageState;
  cause: GapCause | null; // null exactly when recorded
}

/** A half-open interval [start, end) of one region's timeline. */
export interface Segment extends Coverage {
  start: number;
  end: number;
  /** How `start` was dated. */
  startBound: Bound;
}

/** A stored interval that is not fully recorded (coverage_gaps row). */
export interface StoredGap {
  region: string;
  start: number;
  end: number;
  state: Exclude<CoverageState, "recorded">;
  cause: GapCause;
  startBound: Bound;
  endBound: Bound;
}

/** Seconds in each state for one region and UTC day (coverage_days row). */
export interface DayRollup {
  region: string;
  day: string; // YYYY-MM-DD
  recorded: number;
  partial: number;
  notRecorded: number;
  unknown: number;
  causes: GapCause[];
}

export const RECORDED: Coverage = { state: "recorded", cause: null };

export function isGapCause(value: string): value is GapCause {
  return (GAP_CAUSES as readonly string[]).includes(value);
}

export function sameCoverage(a: Coverage, b: Coverage): boolean {
  return a.state === b.state && a.cause === b.cause;
}
