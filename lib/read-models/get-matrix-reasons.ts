// The one-line reasons behind the matrix cells of a few accounts (the rows on screen), for the
// cells' tooltips. Kept out of the page HTML: 23 reasons × thousands of accounts would be megabytes.
import "server-only";
import { db } from "@/lib/db";
import { latestSnapshots, verdictsAreStale } from "@/lib/read-models/latest-snapshots";

export const MAX_REASON_ACCOUNTS = 200;

export interface CellReason {
  /** The verdict's reason. */
  r: string;
  /** For ERROR verdicts shown with a stale last good verdict: that verdict's reason. */
  sr?: string;
}

/** accountId → controlId → reason. */
export type MatrixReasons = Record<string, Record<string, CellReason>>;

interface Row {
  snapshot_id: string;
  control_id: string;
  reason: string;
  stale_reason: string | null;
}

export async function getMatrixReasons(accountIds: string[]): Promise<MatrixReasons> {
  const snapshots = await latestSnapshots(accountIds.slice(0, MAX_REASON_ACCOUNTS));
  const ids = snapshots.flatMap((s) => (s.evaluatedId ? [s.evaluatedId] : []));
  const out: MatrixReasons = {};
  if (!ids.length) return out;
  const rows = await db.$queryRaw<Row[]>`
    SELECT DISTINCT ON (snapshot_id, control_id) snapshot_id, control_id, reason, stale_reason
    FROM control_results WHERE snapshot_id = ANY(${ids}::uuid[])
    ORDER BY snapshot_id, control_id, evaluated_at DESC`;
  const bySnapshot = new Map(snapshots.map((s) => [s.evaluatedId, s]));
  for (const row of rows) {
    const snap = bySnapshot.get(row.snapshot_id);
    if (!snap) continue;
    const cells = (out[snap.accountId] ??= {});
    if (verdictsAreStale(snap)) {
      cells[row.control_id] = {
        r: `The latest collection failed: ${snap.latestError ?? "no details recorded"}`,
        sr: row.reason,
      };
    } else {
      cells[row.control_id] = row.stale_reason ? { r: row.reason, sr: row.stale_reason } : { r: row.reason };
    }
  }
  return out;
}
