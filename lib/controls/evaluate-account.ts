// The evaluator's entry point: one account's snapshot in, one verdict per catalogue control out,
// in display order. A pure function of the snapshot and options (no clock, no I/O), so history can
// be re-evaluated when a rule improves: bump EVALUATOR_VERSION whenever a verdict could change.
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import type { ControlId, ControlVerdict } from "@/lib/controls/types";
import { CONTROL_IDS } from "@/lib/controls/catalogue";
import { buildEvaluationContext, type EvaluateOptions } from "@/lib/controls/evaluation-context";
import { evaluateCloudTrail1, evaluateCloudTrail3 } from "@/lib/controls/evaluate-cloudtrail-account";
import {
  evaluateCloudTrail2,
  evaluateCloudTrail4,
  evaluateCloudTrail5,
  evaluateCloudTrail9,
} from "@/lib/controls/evaluate-trail-controls";
import { evaluateCloudTrail6, evaluateCloudTrail7 } from "@/lib/controls/evaluate-bucket-controls";
import { evaluateCloudTrail10 } from "@/lib/controls/evaluate-event-data-stores";
import { evaluateCloudWatch } from "@/lib/controls/evaluate-cloudwatch";

export type { EvaluateOptions } from "@/lib/controls/evaluation-context";

/** Stored with every verdict (ControlResult.evaluatorVersion). */
export const EVALUATOR_VERSION = "2026.11.1";

export function evaluateAccount(state: AccountSnapshotState, options: EvaluateOptions): ControlVerdict[] {
  const ctx = buildEvaluationContext(state, options);
  const verdicts: ControlVerdict[] = [
    evaluateCloudTrail1(ctx),
    evaluateCloudTrail2(ctx),
    evaluateCloudTrail3(ctx),
    evaluateCloudTrail4(ctx),
    evaluateCloudTrail5(ctx),
    evaluateCloudTrail6(ctx),
    evaluateCloudTrail7(ctx),
    evaluateCloudTrail9(ctx),
    evaluateCloudTrail10(ctx),
    ...evaluateCloudWatch(ctx),
  ];
  // Display order is the catalogue's; sorting here keeps the two from drifting apart.
  const order = new Map<ControlId, number>(CONTROL_IDS.map((id, i) => [id, i]));
  return verdicts.sort((a, b) => (order.get(a.controlId) ?? 0) - (order.get(b.controlId) ?? 0));
}

/**
 * Verdicts for a snapshot whose collection failed entirely: ERROR for every control. The
 * persistence layer attaches the last good verdict, marked stale; never show an old PASSED as current.
 */
export function errorVerdicts(reason: string): ControlVerdict[] {
  return CONTROL_IDS.map((controlId) => ({
    controlId,
    status: "ERROR",
    reason: `collection failed, so nothing could be evaluated: ${reason}`,
    evidence: [],
  }));
}
