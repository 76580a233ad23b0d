// Integrity failures across the organization (overview): digests that failed validation, digests
// missing from a chain, log files missing or modified, newest first, with the account's name.
import "server-only";
import { db } from "@/lib/db";
import { INTEGRITY_FAILURES, type IssueReason } from "@/lib/evidence/evidence-types";

export interface IntegrityFailureRow {
  accountId: string;
  accountName: string;
  region: string;
  reason: IssueReason;
  key: string;
  detectedAt: Date;
}

export async function getIntegrityFailures(limit = 8): Promise<{ total: number; rows: IntegrityFailureRow[] }> {
  const where = { reason: { in: [...INTEGRITY_FAILURES] } };
  const [total, rows, streams] = await Promise.all([
    db.evidenceIssue.count({ where }),
    db.evidenceIssue.findMany({ where, orderBy: { detectedAt: "desc" }, take: limit }),
    db.evidenceStream.count(),
  ]);
  if (streams === 0) return { total: -1, rows: [] };
  const names = new Map(
    (
      await db.awsAccount.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.accountId))] } },
        select: { id: true, name: true },
      })
    ).map((a) => [a.id, a.name]),
  );
  return {
    total,
    rows: rows.map((r) => ({
      accountId: r.accountId,
      accountName: names.get(r.accountId) ?? r.accountId,
      region: r.region,
      reason: r.reason as IssueReason,
      key: r.key,
      detectedAt: r.detectedAt,
    })),
  };
}
