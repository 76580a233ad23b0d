// What verification after an apply found (RemediationJob.verification): shared by the verifier,
// the job's view (lib/views, client-safe) and the CLI. Types only.
import type { NEEDS_ATTENTION, VERIFIED } from "@/lib/remediate/verify/job-outcome";
import type { PersonAction } from "@/lib/remediate/verify/person-actions";

export interface VerifiedControl {
  controlId: string;
  status: string;
  reason: string;
}

export interface Verification {
  outcome: typeof VERIFIED | typeof NEEDS_ATTENTION | "still failing" | "not verified";
  checkedAt: string;
  snapshotId: string | null;
  collectedAt: string | null;
  collection: string;
  passing: string[];
  failing: VerifiedControl[];
  caveats: VerifiedControl[];
  /** What a person still has to do (outcome "needs attention", or "not verified"). */
  actions?: PersonAction[];
  /** The plan computed from the new snapshot: empty when the fix is complete. */
  replan: { status: string; steps: number; summary: string } | null;
  note: string;
}
