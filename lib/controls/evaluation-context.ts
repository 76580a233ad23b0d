// What every control evaluator needs from one snapshot, computed once per account: the applicable
// trails with their management-event judgement, whether the trail list is complete, and the
// configured options. Keeping this in one place keeps the per-control files short and fast.
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { applicableTrails, type ApplicableTrail } from "@/lib/controls/applicable-trails";
import { findCollectionError, trailListingError } from "@/lib/controls/collection-errors";
import { judgeManagementEvents, type ManagementEventsJudgement } from "@/lib/controls/management-events";

export interface EvaluateOptions {
  /** Tag keys every applicable trail must carry (CloudTrail.9); empty: CloudTrail.9 is NOT_APPLICABLE. */
  requiredTagKeys: string[];
}

export interface TrailFacts extends ApplicableTrail {
  management: ManagementEventsJudgement;
}

export interface EvaluationContext {
  state: AccountSnapshotState;
  trails: TrailFacts[];
  /** Set when ListTrails/DescribeTrails failed or a listed trail could not be read: absence proves nothing. */
  incompleteReason?: string;
  options: EvaluateOptions;
}

/** Why the applicable trails may be more than those in the snapshot, or undefined if complete. */
function incompleteness(state: AccountSnapshotState): string | undefined {
  // Listed but unread trails apply too; their settings are unknown, so they can neither pass nor fail.
  const unread = state.unreadTrails ?? [];
  if (unread.length === 0) {
    const listing = trailListingError(state);
    return listing
      ? `the trail list could not be read (${listing.operation} failed (${listing.code || listing.kind}))`
      : undefined;
  }
  const error = findCollectionError(
    state,
    ["GetTrail", "DescribeTrails"],
    unread.flatMap((t) => [t.arn, t.name]),
  );
  const call = error ? ` (${error.operation} failed (${error.code || error.kind}))` : "";
  const names = unread.map((t) => `\`${t.name}\` in ${t.homeRegion}`).join(", ");
  return `listed ${unread.length === 1 ? "trail" : "trails"} ${names} could not be read${call}`;
}

export function buildEvaluationContext(state: AccountSnapshotState, options: EvaluateOptions): EvaluationContext {
  return {
    state,
    trails: applicableTrails(state).map((t) => ({ ...t, management: judgeManagementEvents(t.trail.eventSelectors) })),
    incompleteReason: incompleteness(state),
    options,
  };
}

/** Three-valued truth for criteria whose input may be unknown (null in the snapshot). */
export type Tri = true | false | "unknown";

export function loggingOf(facts: TrailFacts): Tri {
  return facts.trail.status === null ? "unknown" : facts.trail.status.isLogging;
}

export function managementOf(facts: TrailFacts): Tri {
  const coverage = facts.management.coverage;
  return coverage === "unknown" ? "unknown" : coverage === "all";
}

/** "is not logging (stopped 2026-05-01T10:00:00Z)". */
export function notLoggingPhrase(facts: TrailFacts): string {
  const status = facts.trail.status;
  const stopped = status?.stopLoggingTime ?? status?.timeLoggingStopped;
  return stopped ? `is not logging (stopped ${stopped})` : "is not logging";
}
