// `npx trailwarden worker`: a background worker on the shared queue (scheduled and requested
// collections). Runs until SIGINT/SIGTERM, then lets the job in hand finish.
import { ensureDatabase } from "@/lib/db/database";
import { startWorker } from "@/lib/jobs/start-worker";

export async function run(_options: unknown): Promise<number> {
  const database = await ensureDatabase({ log: (l) => console.error(l) });
  const worker = await startWorker();
  console.log("Worker started; Ctrl-C to stop.");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("Stopping the worker (finishing the job in hand)...");
  await worker.stop();
  await database.stop();
  return 0;
}
