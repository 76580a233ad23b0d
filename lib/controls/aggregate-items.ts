// Per-resource controls (each trail, each bucket, each event data store) roll up to one account
// verdict: FAILED if any resource fails (that is certain whatever else is unknown), then ERROR
// (a call failed, so "all pass" cannot be claimed), NO_DATA (evidence outside our reach), WARNING,
// and PASSED only when every resource passed. Never hide a failure or a gap behind green.
import type { ControlId, ControlVerdict, VerdictStatus } from "@/lib/controls/types";
import { uniqueEvidence } from "@/lib/controls/evidence";

export type ItemStatus = Exclude<VerdictStatus, "NOT_APPLICABLE">;

export interface ItemOutcome {
  status: ItemStatus;
  /** A full clause naming the resource, e.g. "trail `audit` in us-east-1 has no KMS key". */
  reason: string;
  evidence: (string | undefined)[];
}

export interface AggregateOptions {
  /** Reason when there is nothing to evaluate (NOT_APPLICABLE). */
  noneReason: string;
  /** Reason when several resources all pass, e.g. "all 3 applicable trails are encrypted with KMS". */
  allPassedReason: (count: number) => string;
  /** Set when the resource list itself is incomplete (a listing call failed). */
  incompleteReason?: string;
}

const PRECEDENCE: ItemStatus[] = ["FAILED", "ERROR", "NO_DATA", "WARNING", "PASSED"];
const MAX_NAMED = 2;

function joinReasons(items: ItemOutcome[]): string {
  const named = items.slice(0, MAX_NAMED).map((i) => i.reason);
  const more = items.length - named.length;
  return more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
}

export function aggregateItems(controlId: ControlId, items: ItemOutcome[], options: AggregateOptions): ControlVerdict {
  if (items.length === 0) {
    if (options.incompleteReason) return { controlId, status: "ERROR", reason: options.incompleteReason, evidence: [] };
    return { controlId, status: "NOT_APPLICABLE", reason: options.noneReason, evidence: [] };
  }
  const worst = PRECEDENCE.find((status) => items.some((i) => i.status === status)) ?? "PASSED";
  const selected = items.filter((i) => i.status === worst);
  if (options.incompleteReason && (worst === "PASSED" || worst === "WARNING" || worst === "NO_DATA")) {
    // What we saw passes, but the list of what to look at is incomplete.
    return {
      controlId,
      status: "ERROR",
      reason: `${options.incompleteReason}; of the resources read, ${joinReasons(selected)}`,
      evidence: uniqueEvidence(items.flatMap((i) => i.evidence)),
    };
  }
  if (worst === "PASSED") {
    const reason = items.length === 1 && items[0] ? items[0].reason : options.allPassedReason(items.length);
    return { controlId, status: "PASSED", reason, evidence: uniqueEvidence(items.flatMap((i) => i.evidence)) };
  }
  return {
    controlId,
    status: worst,
    reason: joinReasons(selected),
    evidence: uniqueEvidence(selected.flatMap((i) => i.evidence)),
  };
}
