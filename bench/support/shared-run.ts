// bench:collect --workers N: one collection run shared by N `trailwarden worker` processes on one
// database (the run fanned out as collect-batch jobs). Reports the wall time of the run, each
// worker's share of the accounts (from the batch lines each worker logs) and failed accounts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { db } from "@/lib/db";
import { requestCollection } from "@/lib/queue/request-collection";

export interface SharedRunResult {
  workers: number;
  wallSeconds: number;
  status: string;
  accounts: number;
  failed: number;
  /** Accounts each worker collected. */
  shares: number[];
}

function startWorker(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.resolve("bin/trailwarden.mjs"), "worker"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes("Worker started")) {
        clearInterval(timer);
        resolve({ child, output: () => out });
      }
    }, 200);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`worker exited (${code}): ${out.slice(-2000)}`));
    });
  });
}

export async function sharedRun(workers: number, batchSize: number): Promise<SharedRunResult> {
  const env = { ...process.env, TRAILWARDEN_COLLECT_BATCH_SIZE: String(batchSize), TRAILWARDEN_WATCH_INTERVAL: "0" };
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(env)));
  try {
    const started = Date.now();
    const { runId } = await requestCollection({ trigger: "api", requestedBy: `bench ${workers} worker(s)` });
    let run = await db.collectionRun.findUniqueOrThrow({ where: { id: runId } });
    while (!["ok", "partial", "error"].includes(run.status)) {
      await new Promise((r) => setTimeout(r, 500));
      run = await db.collectionRun.findUniqueOrThrow({ where: { id: runId } });
    }
    const wallSeconds = +((Date.now() - started) / 1000).toFixed(1);
    const pattern = new RegExp(`collect-batch ${runId}#\\d+: (\\d+) collected`, "g");
    const shares = procs.map((p) => [...p.output().matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0));
    return {
      workers,
      wallSeconds,
      status: run.status,
      accounts: run.accountsTotal,
      failed: run.accountsFailed,
      shares,
    };
  } finally {
    for (const p of procs) p.child.kill("SIGTERM");
    await Promise.all(
      procs.map((p) => new Promise((r) => (p.child.exitCode === null ? p.child.once("exit", r) : r(null)))),
    );
  }
}
