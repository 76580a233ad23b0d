// One collection run shared by several `trailwarden worker` processes (real child processes on
// one database): the run is fanned out as account batches; two workers both take batches of the
// same run, and a worker killed mid-batch loses nothing — another takes its batch over and every
// account is collected and counted exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getCollectionProgress } from "@/lib/read-models/get-collection-progress";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { requestCollection } from "@/lib/queue/request-collection";
import { stopBoss } from "@/lib/queue/pg-boss";
import { SIM_EXTERNAL_ID } from "@/sim/create-access-roles";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
const children: ChildProcess[] = [];

interface Worker {
  child: ChildProcess;
  output: () => string;
}

function startWorkerProcess(batchSize: number): Promise<Worker> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/trailwarden.mjs"), "worker"], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRAILWARDEN_EXTERNAL_ID: SIM_EXTERNAL_ID,
      TRAILWARDEN_SECURITYHUB: "off",
      TRAILWARDEN_AWS_MAX_ATTEMPTS: "2",
      TRAILWARDEN_COLLECT_BATCH_SIZE: String(batchSize),
      TRAILWARDEN_COLLECT_CONCURRENCY: "2",
      TRAILWARDEN_WATCH_INTERVAL: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
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
      reject(new Error(`worker exited (${code}): ${out}`));
    });
  });
}

async function waitForRun(runId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await getCollectionProgress(runId);
    if (p && ["ok", "partial", "error"].includes(p.status)) return p;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${p?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function assertEachAccountOnce(runId: string) {
  const rows = await db.collectionRunAccount.findMany({ where: { runId } });
  expect(rows).toHaveLength(manifest.accounts.length);
  expect(rows.filter((r) => r.status !== "ok" && r.status !== "partial")).toEqual([]);
  const counts = await db.snapshot.groupBy({ by: ["accountId"], where: { runId }, _count: true });
  expect(counts).toHaveLength(manifest.accounts.length);
  expect(counts.every((c) => c._count === 1)).toBe(true);
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!);
  resetEnvCache();
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});
afterAll(async () => {
  await stopBoss();
  await fresh.drop();
});

describe("one run, many workers", () => {
  it("two workers share one run's batches; each account is collected once", async () => {
    const [a, b] = await Promise.all([startWorkerProcess(2), startWorkerProcess(2)]);
    const { runId } = await requestCollection({ trigger: "api" });
    const done = await waitForRun(runId, 150_000);
    expect(done).toMatchObject({ accountsTotal: manifest.accounts.length, accountsDone: manifest.accounts.length });
    expect(done.status).not.toBe("error");
    await assertEachAccountOnce(runId);
    const share = (w: Worker) => (w.output().match(new RegExp(`collect-batch ${runId}#\\d+`, "g")) ?? []).length;
    expect(share(a)).toBeGreaterThan(0);
    expect(share(b)).toBeGreaterThan(0);
    expect(share(a) + share(b)).toBe(Math.ceil(manifest.accounts.length / 2));
    // Calls per operation summed over both workers' batches and the planner.
    expect(done.apiCallsByOp["cloudtrail:ListTrails"]).toBeGreaterThanOrEqual(manifest.accounts.length);
    expect(done.apiCallsByOp["organizations:DescribeOrganization"]).toBe(1);
    expect(Object.values(done.apiCallsByOp).reduce((x, y) => x + y, 0)).toBe(done.apiCalls);
  }, 240_000);

  it("a worker killed mid-batch loses nothing: another finishes the run, no account counted twice", async () => {
    const a = await startWorkerProcess(8);
    const { runId } = await requestCollection({ trigger: "api" });
    // Kill it once it is inside a batch: some accounts stored, others not yet.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const done = await db.collectionRunAccount.count({ where: { runId, status: { in: ["ok", "partial"] } } });
      if (done >= 1 && done < manifest.accounts.length) break;
      if (Date.now() > deadline) throw new Error("the worker never started the run");
      await new Promise((r) => setTimeout(r, 100));
    }
    a.child.kill("SIGKILL");
    await new Promise((r) => a.child.once("exit", r));
    const before = await db.collectionRunAccount.count({ where: { runId, status: { in: ["ok", "partial"] } } });
    expect(before).toBeLessThan(manifest.accounts.length);

    await startWorkerProcess(8);
    const done = await waitForRun(runId, 200_000);
    expect(done).toMatchObject({ accountsTotal: manifest.accounts.length, accountsDone: manifest.accounts.length });
    await assertEachAccountOnce(runId);
  }, 300_000);
});
