// The head of the account page: who the account is, its newest collection, and its verdict counts.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { controlColumns } from "@/lib/views/control-columns";
import { latestSnapshots, verdictsAreStale } from "@/lib/read-models/latest-snapshots";
import type { CollectionStatus } from "@/lib/views/matrix-types";
import { VERDICT_STATUSES, type VerdictStatus } from "@/lib/views/status-codes";

export interface AccountSummary {
  id: string;
  name: string;
  email: string | null;
  ouPath: string;
  status: string;
  isManagement: boolean;
  firstSeenAt: string;
  removedAt: string | null;
  latest: { status: CollectionStatus; error: string | null; at: string } | null;
  /** When the verdicts shown were collected; older than `latest` when the newest collection failed. */
  evaluatedAt: string | null;
  staleVerdicts: boolean;
  counts: Record<VerdictStatus, number>;
  controls: number;
}

export const getAccountSummary = cache(async (accountId: string): Promise<AccountSummary | null> => {
  const account = await db.awsAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      name: true,
      email: true,
      ouPath: true,
      status: true,
      isManagement: true,
      firstSeenAt: true,
      removedAt: true,
    },
  });
  if (!account) return null;
  const [snap] = await latestSnapshots([accountId]);
  const counts = Object.fromEntries(VERDICT_STATUSES.map((s) => [s, 0])) as Record<VerdictStatus, number>;
  if (snap?.evaluatedId) {
    const rows = await db.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT status, count(*) AS n FROM (
        SELECT DISTINCT ON (control_id) status FROM control_results
        WHERE snapshot_id = ${snap.evaluatedId}::uuid ORDER BY control_id, evaluated_at DESC) v
      GROUP BY status`;
    const stale = verdictsAreStale(snap);
    for (const r of rows) {
      const status = (stale ? "ERROR" : r.status) as VerdictStatus;
      if (status in counts) counts[status] += Number(r.n);
    }
  }
  return {
    ...account,
    firstSeenAt: account.firstSeenAt.toISOString(),
    removedAt: account.removedAt?.toISOString() ?? null,
    latest:
      snap?.latestStatus && snap.latestAt
        ? { status: snap.latestStatus, error: snap.latestError, at: snap.latestAt.toISOString() }
        : null,
    evaluatedAt: snap?.evaluatedAt?.toISOString() ?? null,
    staleVerdicts: snap ? verdictsAreStale(snap) : false,
    counts,
    controls: controlColumns().length,
  };
});
