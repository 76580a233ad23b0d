// One cell of the matrix opened: the verdict with its evidence, Security Hub's finding for the
// same control and account, and the reconciliation between them.
import "server-only";
import { db } from "@/lib/db";
import { CATALOGUE, isControlId } from "@/lib/controls/catalogue";
import type { Severity, VerdictStatus } from "@/lib/controls/types";
import { NotFoundError } from "@/lib/errors";
import { latestSnapshots, verdictsAreStale } from "@/lib/read-models/latest-snapshots";
import type { CollectionStatus } from "@/lib/views/matrix-types";
import { describeReconciliation } from "@/lib/read-models/reconciliation-words";
import { parseSecurityHub, type SecurityHubSummary } from "@/lib/read-models/security-hub-summary";
import { isVerdictStatus } from "@/lib/views/status-codes";

export interface VerdictFinding {
  id: string;
  region: string;
  complianceStatus: string | null;
  workflowStatus: string | null;
  recordState: string;
  updatedAt: string;
  resourceIds: string[];
}

export interface VerdictDetail {
  account: { id: string; name: string; ouPath: string };
  control: { id: string; family: string; title: string; severity: Severity; checks: string; remediation: string };
  /** null when the control has never been evaluated for this account. */
  status: VerdictStatus | null;
  reason: string | null;
  evidence: string[];
  /** For ERROR verdicts: the last good verdict, shown as stale. */
  stale: { status: VerdictStatus; reason: string | null; at: string | null } | null;
  collectedAt: string | null;
  evaluatedAt: string | null;
  evaluatorVersion: string | null;
  latestCollection: { status: CollectionStatus; error: string | null; at: string } | null;
  securityHub: SecurityHubSummary | null;
  reconciliation: string | null;
  reconciliationText: string;
  findings: VerdictFinding[];
}

export async function getVerdict(accountId: string, controlId: string): Promise<VerdictDetail> {
  if (!isControlId(controlId)) throw new NotFoundError(`No control ${controlId}`);
  const account = await db.awsAccount.findUnique({
    where: { id: accountId },
    select: { id: true, name: true, ouPath: true },
  });
  if (!account) throw new NotFoundError(`No account ${accountId}`);
  const control = CATALOGUE[controlId];
  const [snap] = await latestSnapshots([accountId]);
  const [result, findings] = await Promise.all([
    snap?.evaluatedId
      ? db.controlResult.findFirst({
          where: { snapshotId: snap.evaluatedId, controlId },
          orderBy: { evaluatedAt: "desc" },
          select: {
            status: true,
            reason: true,
            evidence: true,
            staleStatus: true,
            staleReason: true,
            staleAt: true,
            collectedAt: true,
            evaluatedAt: true,
            evaluatorVersion: true,
            securityHub: true,
            reconciliation: true,
          },
        })
      : null,
    db.securityHubFinding.findMany({
      where: { accountId, controlId },
      orderBy: { updatedAt: "desc" },
      take: 20,
      select: {
        id: true,
        region: true,
        complianceStatus: true,
        workflowStatus: true,
        recordState: true,
        updatedAt: true,
        resourceIds: true,
      },
    }),
  ]);
  const securityHub = parseSecurityHub(result?.securityHub);
  let status = result && isVerdictStatus(result.status) ? result.status : null;
  let reason = result?.reason ?? null;
  let stale: VerdictDetail["stale"] =
    result?.staleStatus && isVerdictStatus(result.staleStatus)
      ? { status: result.staleStatus, reason: result.staleReason, at: result.staleAt?.toISOString() ?? null }
      : null;
  if (snap && result && status && verdictsAreStale(snap)) {
    // A later collection failed outright: what we have is the last good verdict, not the current one.
    stale = status === "ERROR" ? stale : { status, reason: result.reason, at: result.collectedAt.toISOString() };
    status = "ERROR";
    reason = `The latest collection failed: ${snap.latestError ?? "no details recorded"}`;
  }
  return {
    account,
    control: {
      id: control.id,
      family: control.family,
      title: control.title,
      severity: control.severity,
      checks: control.checks,
      remediation: control.remediation,
    },
    status,
    reason,
    evidence: [...new Set(result?.evidence ?? [])],
    stale,
    collectedAt: result?.collectedAt.toISOString() ?? null,
    evaluatedAt: result?.evaluatedAt.toISOString() ?? null,
    evaluatorVersion: result?.evaluatorVersion ?? null,
    latestCollection:
      snap?.latestStatus && snap.latestAt
        ? { status: snap.latestStatus, error: snap.latestError, at: snap.latestAt.toISOString() }
        : null,
    securityHub,
    reconciliation: result?.reconciliation ?? null,
    reconciliationText: describeReconciliation(result?.reconciliation, securityHub?.status, status),
    findings: findings.map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString() })),
  };
}
