// A watch round (job "watch"): the active accounts that have a baseline, split into batches of
// TRAILWARDEN_WATCH_BATCH_SIZE sent as "watch-batch" jobs, so every worker on the database takes
// a share. Batch job ids derive from the round id and the batch index: a round job retried after
// its worker died sends the same batches again and pg-boss keeps one of each. A round does not
// start while the previous one is still running (a slow round would otherwise overlap the next
// and put one account in two running batches).
import "server-only";
import { db } from "@/lib/db";
import { splitBatches, type PlannedBatch } from "@/lib/queue/split-batches";

export interface RoundPlan {
  roundId: string;
  skipped: string | null;
  batches: PlannedBatch[];
}

/** A round still running after this long is considered dead (its batches are retried by pg-boss anyway). */
const STUCK_AFTER_MS = 30 * 60_000;

export async function planWatchRound(roundId: string, batchSize: number): Promise<RoundPlan> {
  const existing = await db.watchRound.findUnique({ where: { id: roundId } });
  if (!existing) {
    const running = await db.watchRound.findFirst({
      where: { status: "running", startedAt: { gt: new Date(Date.now() - STUCK_AFTER_MS) } },
      select: { id: true },
    });
    if (running) return { roundId, skipped: `round ${running.id} is still running`, batches: [] };
  }
  // Accounts with at least one readable snapshot: the others have nothing to compare with yet.
  const accounts = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM aws_accounts a
    WHERE a.status = 'ACTIVE' AND a.removed_at IS NULL
      AND EXISTS (SELECT 1 FROM snapshots s WHERE s.account_id = a.id AND s.status <> 'error')
    ORDER BY a.id`;
  const batches = splitBatches(
    roundId,
    accounts.map((a) => a.id),
    batchSize,
  );
  if (!existing)
    await db.watchRound.create({
      data: {
        id: roundId,
        accountsTotal: accounts.length,
        batchesTotal: batches.length,
        status: batches.length === 0 ? "ok" : "running",
        finishedAt: batches.length === 0 ? new Date() : null,
      },
    });
  return { roundId, skipped: null, batches };
}
