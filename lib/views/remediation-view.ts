// The JSON shape of a remediation job for GET /api/v1/remediations/{id} and the pages: the job,
// its plan (with the diff of every step), each step's stored outcome, progress and verification.
// Times are ISO strings; nothing secret is in a plan (only resource names, ARNs and policies).
import type { Verification } from "@/lib/remediate/verify/verification-types";
import type {
  OrganizationPlanInfo,
  PlanIssue,
  PlanScope,
  PlanStep,
  RemediationPlan,
} from "@/lib/remediate/plan/plan-types";

export interface StepView extends Omit<PlanStep, "key"> {
  key: string;
  index: number;
  status: string;
  /** null until the step ran; false when everything was already in place. */
  changed: boolean | null;
  requestId: string | null;
  error: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RemediationJobView {
  id: string;
  accountId: string;
  accountName: string | null;
  mode: string;
  /** "organization": the organization fix (the job's account owns the organization trail). */
  scope: PlanScope;
  status: string;
  /** Queued, running or verifying: keep polling. */
  active: boolean;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  planHash: string;
  snapshotId: string | null;
  error: string | null;
  plan: {
    status: RemediationPlan["status"];
    summary: string;
    strategy: RemediationPlan["strategy"];
    failingBefore: RemediationPlan["failingBefore"];
    expectedToPass: string[];
    blockers: PlanIssue[];
    notes: PlanIssue[];
    collectedAt: string;
    organization: OrganizationPlanInfo | null;
  };
  steps: StepView[];
  progress: { total: number; succeeded: number; failed: number; skipped: number; running: number };
  verification: (Verification & { outcome: string }) | { outcome: "nothing to do"; summary: string } | null;
  failingBefore: string[];
  failingAfter: string[];
}

export const ACTIVE_JOB_STATUSES = new Set(["queued", "running", "verifying"]);
