// Security Hub's finding beside our verdict (docs/controls.md, "Security Hub findings"). Security
// Hub re-evaluates every 12–24 h, so a fix shows PASSED here at once and "awaiting" until its
// finding catches up; a finding updated after the fix that still fails is a real disagreement.
// Per-trail controls may have one finding per trail resource (and account-level controls one per
// Region): they are aggregated the way our own per-resource rollup works, any FAILED = FAILED.
import type { SecurityHubFindingState } from "@/lib/collect/snapshot-types";
import type { ControlVerdict, VerdictStatus } from "@/lib/controls/types";

export type SecurityHubMode = "aggregator" | "per-account" | "off";
export type ReconciliationState = "agrees" | "awaiting" | "disagrees" | "not_reported";
type ComplianceStatus = SecurityHubFindingState["complianceStatus"];

export interface SecurityHubSummary {
  status: ComplianceStatus;
  workflowStatus: string | null;
  updatedAt: string;
  findingId: string;
}

export interface ReconcileContext {
  securityHubMode: SecurityHubMode;
  /** When our verdict for this control first became PASSED (ISO-8601), if it is passing. */
  passingSince?: string;
}

export interface Reconciliation {
  state: ReconciliationState;
  securityHub: SecurityHubSummary | null;
  note: string;
}

const PRECEDENCE: ComplianceStatus[] = ["FAILED", "NOT_AVAILABLE", "WARNING", "PASSED", null];

/** Which Security Hub statuses say the same thing as each of our statuses. */
const AGREES_WITH: Record<VerdictStatus, ComplianceStatus[]> = {
  PASSED: ["PASSED"],
  // Our WARNING holds (e.g. CloudWatch Logs delivery errors Security Hub does not look at).
  WARNING: ["WARNING", "PASSED"],
  FAILED: ["FAILED"],
  NO_DATA: ["NOT_AVAILABLE"],
  NOT_APPLICABLE: ["NOT_AVAILABLE", "PASSED"],
  ERROR: [],
};

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

function describeFinding(status: ComplianceStatus, finding: SecurityHubFindingState): string {
  const reason = finding.statusReasons.find((r) => r.reasonCode || r.description);
  const code = reason?.reasonCode ? `reason code ${reason.reasonCode}` : "";
  const detail = reason?.description ? (code ? `: ${reason.description}` : reason.description) : "";
  const why = code || detail ? ` (${code}${detail})` : "";
  const resource = finding.resourceIds.find((id) => !id.startsWith("AWS::::Account"));
  return `Security Hub says ${status ?? "nothing"}${why}${resource ? ` on ${resource}` : ""}`;
}

export function reconcile(
  verdict: ControlVerdict,
  findings: SecurityHubFindingState[],
  context: ReconcileContext,
): Reconciliation {
  if (context.securityHubMode === "off") {
    return { state: "not_reported", securityHub: null, note: "Security Hub integration is off" };
  }
  // Filtered again here: callers pass "this account and control", but archived findings are stale.
  const active = findings.filter((f) => f.recordState === "ACTIVE" && f.controlId === verdict.controlId);
  if (active.length === 0) {
    return {
      state: "not_reported",
      securityHub: null,
      note: `Security Hub has no active finding for ${verdict.controlId}: the control may be disabled or not yet evaluated`,
    };
  }
  const status = PRECEDENCE.find((s) => active.some((f) => f.complianceStatus === s)) ?? null;
  const same = active.filter((f) => f.complianceStatus === status);
  const finding = same.reduce((a, b) => (time(b.updatedAt) > time(a.updatedAt) ? b : a));
  const securityHub: SecurityHubSummary = {
    status,
    workflowStatus: finding.workflowStatus,
    updatedAt: finding.updatedAt,
    findingId: finding.id,
  };
  const theirs = describeFinding(status, finding);

  if (status === null) {
    return {
      state: "not_reported",
      securityHub,
      note: `Security Hub's finding has no compliance status yet (updated ${finding.updatedAt})`,
    };
  }
  if (verdict.status === "ERROR") {
    return {
      state: "not_reported",
      securityHub,
      note: `no comparison: Trailwarden could not evaluate this control (${verdict.reason}); ${theirs} as of ${finding.updatedAt}`,
    };
  }
  if (AGREES_WITH[verdict.status].includes(status)) {
    const extra =
      verdict.status === "WARNING" && status === "PASSED" ? `; Trailwarden also warns: ${verdict.reason}` : "";
    return {
      state: "agrees",
      securityHub,
      note: `Security Hub agrees: ${status} (updated ${finding.updatedAt})${extra}`,
    };
  }
  const weHold = verdict.status === "PASSED" || verdict.status === "WARNING";
  if (weHold && status === "FAILED" && context.passingSince) {
    const since = time(context.passingSince);
    // Awaiting only if every failing finding predates the fix; one updated after it still fails.
    if (same.every((f) => time(f.updatedAt) < since)) {
      return {
        state: "awaiting",
        securityHub,
        note: `awaiting Security Hub re-evaluation: its FAILED finding was last updated ${finding.updatedAt}, before the fix (passing since ${context.passingSince}); it re-evaluates every 12–24 h`,
      };
    }
  }
  const ours = weHold ? verdict.reason : `Trailwarden says ${verdict.status}: ${verdict.reason}`;
  return { state: "disagrees", securityHub, note: `${theirs} but ${ours}` };
}
