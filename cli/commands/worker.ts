// `npx trailwarden worker`: a background worker on the shared queue (scheduled and requested
// collections). Runs until SIGINT/SIGTERM, then lets the job in hand finish.
import { ensureDatabase } from "@/lib/db/database";
import { startWorker } from "@/lib/jobs/start-worker";

export async function run(_options: unknown): Promise<number> {
  const database = await ensureDatabase({ log: (l) => console.error(l), stopsOnSignal: true });
  const worker = await startWorker();
  console.log("Worker started; Ctrl-C to stop.");
  // A signal may arrive twice: a process-group SIGTERM (systemd, Playwright) reaches this process
  // both directly and through bin/trailwarden.mjs when that re-runs it on another Node. A repeat
  // must not kill the job in hand, so the handlers stay registered and only say so.
  let stopping = false;
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      if (stopping) console.log("Already stopping: finishing the job in hand (SIGKILL stops at once).");
      stopping = true;
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  console.log("Stopping the worker (finishing the job in hand)...");
  await worker.stop();
  await database.stop();
  return 0;
}
