// A worker: serves every job of the registry from the shared pg-boss queue and keeps the cron
// schedules in place. Several workers (processes, machines) on one database share the work:
// pg-boss claims each job for one of them (SELECT ... FOR UPDATE SKIP LOCKED), and per-account
// claims keep runs off each other's accounts. The lead's `serve`/`demo` call this in-process;
// `npx trailwarden worker` runs it alone.
import "server-only";
import { db } from "@/lib/db";
import { parsePayload, type JobDefinition } from "@/lib/queue/job-definition";
import { createBoss, ensureQueue, registerBoss, stopBoss } from "@/lib/queue/pg-boss";
import { JOBS } from "@/lib/jobs/registry";
import { getEnv } from "@/lib/config/env";
import { sendWatchRound } from "@/lib/jobs/watch-job";

export interface WorkerOptions {
  log?: (line: string) => void;
  /** Jobs handled at once per queue in this process (collections are heavy: 1). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** Skip installing cron schedules (tests). */
  schedule?: boolean;
  /** Send watch rounds every TRAILWARDEN_WATCH_INTERVAL seconds (default true; tests send their own). */
  watch?: boolean;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** Runs left "running" by a worker that died long ago (beyond any job retry) are closed as errors. */
const ABANDONED_AFTER_MS = 6 * 3600_000;

async function closeAbandonedRuns(): Promise<number> {
  const res = await db.collectionRun.updateMany({
    where: { status: "running", startedAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
    data: { status: "error", error: "Abandoned: the worker running it stopped", finishedAt: new Date() },
  });
  return res.count;
}

export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const boss = await createBoss("worker", log);
  await registerBoss(boss);
  const abandoned = await closeAbandonedRuns();
  if (abandoned > 0) log(`Closed ${abandoned} abandoned collection run(s)`);

  for (const def of JOBS as readonly JobDefinition[]) {
    await ensureQueue(boss, def.id, def.queue);
    const cron = options.schedule === false ? undefined : def.cron?.();
    if (cron) await boss.schedule(def.id, cron, (def.cronPayload ?? {}) as object, { tz: "UTC" });
    else await boss.unschedule(def.id);
    await boss.work(
      def.id,
      {
        localConcurrency: def.concurrency ?? options.concurrency ?? 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      async (jobs) => {
        for (const job of jobs) {
          const payload = parsePayload(def, job);
          await def.handle(payload, { jobId: job.id, retryCount: job.retryCount, signal: job.signal, log });
        }
      },
    );
    log(`Serving job "${def.id}"${cron ? ` (scheduled: ${cron} UTC)` : ""}`);
  }
  // Watch rounds: every worker offers the current slot's round often; one job per slot is kept.
  const interval = getEnv().TRAILWARDEN_WATCH_INTERVAL;
  let timer: NodeJS.Timeout | null = null;
  if (options.watch !== false && interval > 0) {
    const offer = () => void sendWatchRound().catch((err: unknown) => log(`watch round not sent: ${String(err)}`));
    offer();
    timer = setInterval(offer, Math.min(interval, 15) * 1000);
    timer.unref();
    log(`Watching every ${interval} s`);
  }
  return {
    stop: async () => {
      if (timer) clearInterval(timer);
      const { closeWatchContext } = await import("@/lib/watch/watch-context");
      await closeWatchContext();
      await stopBoss();
    },
  };
}
