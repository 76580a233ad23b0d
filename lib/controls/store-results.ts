// Evaluates one stored snapshot and stores its verdicts (ControlResult rows) with the evaluator's
// version, Security Hub's finding beside each, and, for ERROR verdicts, the last good verdict
// marked stale (docs/controls.md: never show an old PASSED as current). Re-running for the same
// snapshot and evaluator version replaces that evaluation, so it is safe to repeat.
import "server-only";
import { getEnv } from "@/lib/config/env";
import type { SecurityHubFindingState } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";
import { EVALUATOR_VERSION, errorVerdicts, evaluateAccount } from "@/lib/controls/evaluate-account";
import { reconcile } from "@/lib/controls/reconcile";
import type { ControlVerdict } from "@/lib/controls/types";
import { readSnapshotState } from "@/lib/collect/snapshot-json";

export interface StoredEvaluation {
  snapshotId: string;
  accountId: string;
  verdicts: ControlVerdict[];
}

export async function evaluateAndStore(snapshotId: string): Promise<StoredEvaluation> {
  const snapshot = await db.snapshot.findUniqueOrThrow({
    where: { id: snapshotId },
    select: { id: true, accountId: true, collectedAt: true, status: true, error: true, state: true },
  });
  const env = getEnv();
  const verdicts =
    snapshot.status === "error"
      ? errorVerdicts(snapshot.error ?? "unknown error")
      : evaluateAccount(readSnapshotState(snapshot), {
          requiredTagKeys: env.TRAILWARDEN_REQUIRED_TAG_KEYS ?? [],
        });

  const [lastGood, passingSince, findings] = await Promise.all([
    lastGoodVerdicts(snapshot.accountId, snapshot.collectedAt),
    passingSinceByControl(snapshot.accountId, snapshot.collectedAt),
    findingsFor(snapshot.accountId),
  ]);

  const rows = verdicts.map((v) => {
    const stale = v.status === "ERROR" ? lastGood.get(v.controlId) : undefined;
    const since =
      v.status === "PASSED" || v.status === "WARNING"
        ? (passingSince.get(v.controlId) ?? snapshot.collectedAt)
        : undefined;
    const rec = reconcile(v, findings.get(v.controlId) ?? [], {
      securityHubMode: env.TRAILWARDEN_SECURITYHUB,
      passingSince: since?.toISOString(),
    });
    return {
      snapshotId: snapshot.id,
      accountId: snapshot.accountId,
      controlId: v.controlId,
      status: v.status,
      reason: v.reason,
      evidence: v.evidence,
      evaluatorVersion: EVALUATOR_VERSION,
      collectedAt: snapshot.collectedAt,
      staleStatus: stale?.status ?? null,
      staleReason: stale?.reason ?? null,
      staleAt: stale?.collectedAt ?? null,
      securityHub: rec.securityHub ? { ...rec.securityHub, note: rec.note } : { note: rec.note },
      reconciliation: rec.state,
    };
  });

  await db.$transaction([
    db.controlResult.deleteMany({ where: { snapshotId: snapshot.id, evaluatorVersion: EVALUATOR_VERSION } }),
    db.controlResult.createMany({ data: rows }),
  ]);
  return { snapshotId: snapshot.id, accountId: snapshot.accountId, verdicts };
}

/** The newest non-ERROR verdict per control before `before`. */
async function lastGoodVerdicts(accountId: string, before: Date) {
  const rows = await db.$queryRaw<{ control_id: string; status: string; reason: string; collected_at: Date }[]>`
    SELECT DISTINCT ON (control_id) control_id, status, reason, collected_at
    FROM control_results
    WHERE account_id = ${accountId} AND collected_at < ${before} AND status <> 'ERROR'
    ORDER BY control_id, collected_at DESC, evaluated_at DESC`;
  return new Map(rows.map((r) => [r.control_id, { status: r.status, reason: r.reason, collectedAt: r.collected_at }]));
}

/**
 * When the current passing streak of each control began: the first passing verdict after the
 * last verdict that did not hold. A control with no earlier failure has passed since its first
 * evaluation. Used to tell "awaiting Security Hub re-evaluation" from a real disagreement.
 */
async function passingSinceByControl(accountId: string, upTo: Date) {
  const rows = await db.$queryRaw<{ control_id: string; since: Date | null }[]>`
    WITH last_bad AS (
      SELECT control_id, max(collected_at) AS at FROM control_results
      WHERE account_id = ${accountId} AND collected_at <= ${upTo} AND status NOT IN ('PASSED', 'WARNING', 'ERROR')
      GROUP BY control_id)
    SELECT r.control_id, min(r.collected_at) AS since
    FROM control_results r LEFT JOIN last_bad b ON b.control_id = r.control_id
    WHERE r.account_id = ${accountId} AND r.collected_at <= ${upTo} AND r.status IN ('PASSED', 'WARNING')
      AND (b.at IS NULL OR r.collected_at > b.at)
    GROUP BY r.control_id`;
  return new Map(rows.filter((r) => r.since).map((r) => [r.control_id, r.since as Date]));
}

async function findingsFor(accountId: string): Promise<Map<string, SecurityHubFindingState[]>> {
  const rows = await db.securityHubFinding.findMany({
    where: { accountId },
    select: {
      id: true,
      accountId: true,
      region: true,
      controlId: true,
      complianceStatus: true,
      statusReasons: true,
      workflowStatus: true,
      recordState: true,
      resourceIds: true,
      updatedAt: true,
    },
  });
  const byControl = new Map<string, SecurityHubFindingState[]>();
  for (const r of rows) {
    const list = byControl.get(r.controlId) ?? [];
    list.push({
      ...r,
      complianceStatus: r.complianceStatus as SecurityHubFindingState["complianceStatus"],
      statusReasons: r.statusReasons as SecurityHubFindingState["statusReasons"],
      recordState: r.recordState === "ARCHIVED" ? "ARCHIVED" : "ACTIVE",
      updatedAt: r.updatedAt.toISOString(),
    });
    byControl.set(r.controlId, list);
  }
  return byControl;
}
