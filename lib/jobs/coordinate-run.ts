// The coordinator of a collection run (job "collect"): plans the run (discovery, Security Hub,
// batches; lib/collect/plan-run-batches.ts), sends its batches as "collect-batch" jobs, then works
// on batches itself until the run is closed by whichever batch finishes last. Every other worker
// on the database takes batches from the same queue, so one run is shared by all of them; a lone
// worker (or the coordinator called directly) still finishes the run by itself. A batch whose retries
// run out closes its accounts as failed (lib/collect/fail-batch.ts), so the run always ends.
import "server-only";
import { getEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import { failBatch } from "@/lib/collect/fail-batch";
import { findFailedBatches } from "@/lib/collect/find-failed-batches";
import { finishRunIfDone } from "@/lib/collect/finish-run";
import { planRunBatches } from "@/lib/collect/plan-run-batches";
import { TERMINAL } from "@/lib/collect/prepare-run";
import { COLLECT_BATCH_JOB, collectBatchJob, collectBatchPayload } from "@/lib/jobs/collect-batch-job";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";
import { runCollectBatch } from "@/lib/jobs/run-collect-batch";

export interface CoordinateInput {
  runId: string;
  trigger: string;
  requestedBy: string | null;
  accountIds?: string[];
}

const IDLE_POLL_MS = 1000;

export async function coordinateRun(input: CoordinateInput, log: (line: string) => void): Promise<string> {
  const plan = await planRunBatches({
    ...input,
    createIfMissing: true,
    batchSize: getEnv().TRAILWARDEN_COLLECT_BATCH_SIZE,
  });
  if (plan.finished) {
    log(`collect ${plan.runId}: already finished`);
    return "finished";
  }
  const boss = await getBoss();
  await ensureQueue(boss, COLLECT_BATCH_JOB, collectBatchJob.queue);
  for (const b of plan.batches)
    await boss.send(
      COLLECT_BATCH_JOB,
      { runId: plan.runId, index: b.index, accountIds: b.accountIds, organization: plan.organization },
      { id: b.id },
    );
  log(`collect ${plan.runId}: ${plan.total} account(s) in ${plan.batches.length} batch(es)`);
  if (plan.batches.length === 0) await finishRunIfDone(plan.runId);

  for (;;) {
    const run = await db.collectionRun.findUnique({ where: { id: plan.runId }, select: { status: true } });
    if (!run || TERMINAL.has(run.status)) {
      log(`collect ${plan.runId}: ${run?.status ?? "gone"}`);
      return run?.status ?? "gone";
    }
    const [job] = await boss.fetch<unknown>(COLLECT_BATCH_JOB);
    if (!job) {
      await closeFailedBatches(plan.runId, log);
      await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
      continue;
    }
    // Heartbeats for a job fetched by hand (work() sends them for the jobs it runs).
    const beat = setInterval(() => void boss.touch(COLLECT_BATCH_JOB, job.id).catch(() => undefined), 5000);
    try {
      await runCollectBatch(collectBatchPayload.parse(job.data), { log });
      await boss.complete(COLLECT_BATCH_JOB, job.id);
    } catch (err) {
      await boss.fail(COLLECT_BATCH_JOB, job.id, { message: (err as Error).message });
    } finally {
      clearInterval(beat);
    }
  }
}

/**
 * Batches pg-boss gave up on (retries exhausted, after errors or dead workers): their accounts are
 * closed as failed with the reason, so the run ends instead of waiting for them forever.
 */
async function closeFailedBatches(runId: string, log: (line: string) => void): Promise<void> {
  for (const batch of await findFailedBatches(runId, COLLECT_BATCH_JOB)) {
    const { closed, runStatus } = await failBatch(runId, batch);
    if (closed > 0 || runStatus)
      log(
        `collect ${runId}: batch ${batch.index} failed for good (${batch.reason}); ${closed} account(s) closed as failed${runStatus ? `; run ${runStatus}` : ""}`,
      );
  }
}
