// The process's pg-boss instance, in the application's own database (schema "pgboss"). A process
// that only enqueues (the web app without a worker) starts it without maintenance or scheduling;
// a worker starts it with both (start-worker.ts), and enqueues then reuse that instance.
import "server-only";
import { PgBoss } from "pg-boss";
import { queueErrorLogger } from "@/lib/queue/queue-error-logger";

export const BOSS_SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as {
  trailwardenBoss?: Promise<PgBoss>;
  trailwardenBossRole?: "producer" | "worker";
};

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: call ensureDatabase() before using the job queue");
  return url;
}

/** A new, started pg-boss; `worker` enables cron scheduling and maintenance. */
export async function createBoss(
  role: "producer" | "worker",
  log: (line: string) => void = console.error,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: BOSS_SCHEMA,
    application_name: `trailwarden-${role}`,
    max: role === "worker" ? 4 : 2,
    schedule: role === "worker",
    supervise: role === "worker",
  });
  boss.on("error", queueErrorLogger(log));
  await boss.start();
  return boss;
}

/** The process's instance (a producer unless a worker registered itself). */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.trailwardenBoss ??= createBoss("producer").catch((err: unknown) => {
    globalForBoss.trailwardenBoss = undefined;
    throw err;
  });
  return globalForBoss.trailwardenBoss;
}

/** Makes a worker's instance the one enqueues use (instead of opening a second pool). */
export async function registerBoss(boss: PgBoss): Promise<void> {
  const previous = globalForBoss.trailwardenBoss;
  globalForBoss.trailwardenBoss = Promise.resolve(boss);
  globalForBoss.trailwardenBossRole = "worker";
  // A producer opened before the worker started (an enqueue came first) is closed, not leaked.
  if (previous)
    await (
      await previous.catch(() => null)
    )
      ?.stop({ graceful: true, close: true, timeout: 10_000 })
      .catch(() => undefined);
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.trailwardenBoss;
  globalForBoss.trailwardenBoss = undefined;
  globalForBoss.trailwardenBossRole = undefined;
  if (pending) await (await pending).stop({ graceful: true, close: true, timeout: 10_000 }).catch(() => undefined);
}

/** Creates (or updates) a queue; concurrent workers creating the same queue is not an error. */
export async function ensureQueue(
  boss: PgBoss,
  name: string,
  options: Parameters<PgBoss["createQueue"]>[1] = {},
): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, options);
  } catch (err) {
    if (!(await boss.getQueue(name))) throw err;
  }
}
