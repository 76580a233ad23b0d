// Every current verdict of one account, in catalogue order, with its evidence, the stale last good
// verdict when it is an ERROR, and Security Hub beside it.
import "server-only";
import { db } from "@/lib/db";
import { CATALOGUE, isControlId } from "@/lib/controls/catalogue";
import { controlIndex } from "@/lib/views/control-columns";
import { latestSnapshots, verdictsAreStale } from "@/lib/read-models/latest-snapshots";
import { describeReconciliation } from "@/lib/read-models/reconciliation-words";
import { parseSecurityHub, type SecurityHubSummary } from "@/lib/read-models/security-hub-summary";
import { isVerdictStatus, type VerdictStatus } from "@/lib/views/status-codes";

export interface AccountVerdict {
  controlId: string;
  title: string;
  family: string;
  severity: string;
  status: VerdictStatus;
  reason: string;
  evidence: string[];
  stale: { status: VerdictStatus; reason: string | null; at: string | null } | null;
  securityHub: SecurityHubSummary | null;
  reconciliation: string | null;
  reconciliationText: string;
}

export async function getAccountVerdicts(accountId: string): Promise<AccountVerdict[]> {
  const [snap] = await latestSnapshots([accountId]);
  if (!snap?.evaluatedId) return [];
  const rows = await db.$queryRaw<
    {
      control_id: string;
      status: string;
      reason: string;
      evidence: string[] | null;
      stale_status: string | null;
      stale_reason: string | null;
      stale_at: Date | null;
      security_hub: unknown;
      reconciliation: string | null;
      collected_at: Date;
    }[]
  >`
    SELECT DISTINCT ON (control_id) control_id, status, reason, evidence, stale_status, stale_reason, stale_at, security_hub, reconciliation, collected_at
    FROM control_results WHERE snapshot_id = ${snap.evaluatedId}::uuid
    ORDER BY control_id, evaluated_at DESC`;
  const stale = verdictsAreStale(snap);
  const order = controlIndex();
  return rows
    .filter((r) => isControlId(r.control_id) && isVerdictStatus(r.status))
    .sort((a, b) => (order.get(a.control_id) ?? 99) - (order.get(b.control_id) ?? 99))
    .map((r) => {
      const control = CATALOGUE[r.control_id as keyof typeof CATALOGUE];
      const sh = parseSecurityHub(r.security_hub);
      let status = r.status as VerdictStatus;
      let reason = r.reason;
      let staleVerdict =
        r.stale_status && isVerdictStatus(r.stale_status)
          ? { status: r.stale_status, reason: r.stale_reason, at: r.stale_at?.toISOString() ?? null }
          : null;
      if (stale && status !== "ERROR") {
        staleVerdict = { status, reason: r.reason, at: r.collected_at.toISOString() };
        status = "ERROR";
        reason = `The latest collection failed: ${snap.latestError ?? "no details recorded"}`;
      }
      return {
        controlId: r.control_id,
        title: control.title,
        family: control.family,
        severity: control.severity,
        status,
        reason,
        evidence: [...new Set(r.evidence ?? [])],
        stale: staleVerdict,
        securityHub: sh,
        reconciliation: r.reconciliation,
        reconciliationText: describeReconciliation(r.reconciliation, sh?.status, status),
      };
    });
}
