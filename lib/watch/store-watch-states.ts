// Writes what a watch batch saw of its accounts (WatchState rows) in one statement, so a batch of
// a hundred accounts costs one round trip rather than a hundred.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { WatchedTrail } from "@/lib/watch/watch-types";

export interface WatchStateWrite {
  accountId: string;
  snapshotId: string;
  trails: WatchedTrail[];
  watermarks: Record<string, string>;
  calls: number;
  changed: boolean;
  error: string | null;
}

export async function storeWatchStates(states: WatchStateWrite[], at = new Date()): Promise<void> {
  if (states.length === 0) return;
  const iso = at.toISOString();
  const rows = states.map(
    (s) =>
      Prisma.sql`(${s.accountId}, ${JSON.stringify(s.trails)}::jsonb, ${s.snapshotId}::uuid, ${JSON.stringify(s.watermarks)}::jsonb,
        ${iso}::timestamp, ${s.changed ? iso : null}::timestamp, ${s.calls}, ${s.error}, ${iso}::timestamp)`,
  );
  await db.$executeRaw`
    INSERT INTO watch_states (account_id, trails, snapshot_id, watermarks, checked_at, changed_at, api_calls, error, updated_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (account_id) DO UPDATE SET
      trails = EXCLUDED.trails, snapshot_id = EXCLUDED.snapshot_id, watermarks = EXCLUDED.watermarks,
      checked_at = EXCLUDED.checked_at, changed_at = COALESCE(EXCLUDED.changed_at, watch_states.changed_at),
      api_calls = EXCLUDED.api_calls, error = EXCLUDED.error, updated_at = EXCLUDED.updated_at`;
}
