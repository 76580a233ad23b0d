// What each account of a watch batch is compared with: the trails it owns as its newest readable
// snapshot saw them, unless the watch has seen them since (its WatchState), and how far its event
// history has been read. An account never collected successfully has no baseline: the watch
// skips it until a collection gives it one.
import "server-only";
import { db } from "@/lib/db";
import type { TrailState } from "@/lib/collect/snapshot-types";
import { watchedFromSnapshot, type WatchedTrail } from "@/lib/watch/watch-types";

export interface WatchBaseline {
  accountId: string;
  snapshotId: string;
  collectedAt: Date;
  trails: WatchedTrail[];
  watermarks: Record<string, string>;
}

interface Row {
  account_id: string;
  snapshot_id: string;
  collected_at: Date;
  trails: TrailState[] | null;
  watch_snapshot_id: string | null;
  watch_trails: WatchedTrail[] | null;
  watermarks: Record<string, string> | null;
}

export async function loadWatchBaselines(accountIds: string[]): Promise<WatchBaseline[]> {
  if (accountIds.length === 0) return [];
  // Only the trails are read out of the snapshot's state (a state is tens of kB with its buckets).
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.id AS account_id, s.id AS snapshot_id, s.collected_at, s.state->'trails' AS trails,
           w.snapshot_id AS watch_snapshot_id, w.trails AS watch_trails, w.watermarks
    FROM aws_accounts a
    JOIN LATERAL (
      SELECT id, collected_at, state FROM snapshots
      WHERE account_id = a.id AND status <> 'error' ORDER BY collected_at DESC LIMIT 1) s ON true
    LEFT JOIN watch_states w ON w.account_id = a.id
    WHERE a.id = ANY(${accountIds}::varchar[]) AND a.status = 'ACTIVE' AND a.removed_at IS NULL`;
  return rows.map((r) => {
    const fromSnapshot = r.watch_snapshot_id !== r.snapshot_id || !r.watch_trails;
    const trails = fromSnapshot
      ? (r.trails ?? []).filter((t) => t.ownerAccountId === r.account_id).map(watchedFromSnapshot)
      : r.watch_trails!;
    return {
      accountId: r.account_id,
      snapshotId: r.snapshot_id,
      collectedAt: r.collected_at,
      trails,
      watermarks: r.watermarks ?? {},
    };
  });
}
