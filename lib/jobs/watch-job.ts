// Job "watch": one watch round (lib/watch/start-watch-round.ts), fanned out as "watch-batch" jobs.
// Not a cron job: rounds run every TRAILWARDEN_WATCH_INTERVAL seconds (default 300, 0 = off), finer
// than cron's minute, so every worker sends the round of the current interval slot with an id
// derived from the slot (sendWatchRound): however many workers, pg-boss keeps one job per slot.
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/queue/job-definition";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";
import { WATCH_BATCH_JOB, watchBatchJob } from "@/lib/jobs/watch-batch-job";

export const WATCH_JOB = "watch";

export const watchPayload = z.object({ slot: z.number().int().nonnegative().optional() });

export const watchJob = defineJob({
  id: WATCH_JOB,
  schema: watchPayload,
  queue: { policy: "standard", retryLimit: 2, retryDelay: 5, expireInSeconds: 600, deleteAfterSeconds: 86_400 },
  handle: async (_payload, { jobId, log }) => {
    const { planWatchRound } = await import("@/lib/watch/start-watch-round");
    const plan = await planWatchRound(jobId, getEnv().TRAILWARDEN_WATCH_BATCH_SIZE);
    if (plan.skipped) {
      log(`watch ${jobId}: skipped (${plan.skipped})`);
      return;
    }
    const boss = await getBoss();
    await ensureQueue(boss, WATCH_BATCH_JOB, watchBatchJob.queue);
    // Ids derived from the round: a retried round job re-sends the same batches, and pg-boss keeps one of each.
    for (const b of plan.batches)
      await boss.send(WATCH_BATCH_JOB, { roundId: jobId, index: b.index, accountIds: b.accountIds }, { id: b.id });
    log(`watch ${jobId}: ${plan.batches.length} batch(es)`);
  },
});

/** Sends the round of the current interval slot (a no-op when another worker already did). */
export async function sendWatchRound(now = Date.now()): Promise<string | null> {
  const interval = getEnv().TRAILWARDEN_WATCH_INTERVAL;
  if (interval <= 0) return null;
  const { derivedUuid } = await import("@/lib/queue/split-batches");
  const slot = Math.floor(now / 1000 / interval);
  const boss = await getBoss();
  await ensureQueue(boss, WATCH_JOB, watchJob.queue);
  return boss.send(WATCH_JOB, { slot }, { id: derivedUuid(`watch-slot:${interval}:${slot}`) });
}
