// Scheduling: requested collections go through the pg-boss queue to a worker, equivalent requests
// are coalesced, the cron schedule is installed, and two runs never collect one account at the
// same time. Assumes the integration global setup (AWS_ENDPOINT_URL = moto, a template database).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCollectionProgress } from "@/lib/read-models/get-collection-progress";
import { run as collectCommand } from "@/cli/commands/collect";
import { runCollection } from "@/lib/collect/run-collection";
import { findStaleAccounts } from "@/lib/coverage/find-stale-accounts";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { collectJob } from "@/lib/jobs/collect-job";
import { collectPayload } from "@/lib/queue/collect-queue";
import { requestCollection } from "@/lib/queue/request-collection";
import { coordinateRun } from "@/lib/jobs/coordinate-run";
import { startWorker, type WorkerHandle } from "@/lib/jobs/start-worker";
import { stopBoss } from "@/lib/queue/pg-boss";
import { SIM_EXTERNAL_ID } from "@/sim/create-access-roles";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!);
  // The worker reads its configuration from the environment, as in production.
  Object.assign(process.env, {
    TRAILWARDEN_EXTERNAL_ID: SIM_EXTERNAL_ID,
    TRAILWARDEN_SECURITYHUB_ACCOUNT: manifest.securityHubAdminAccountId,
    TRAILWARDEN_SECURITYHUB_REGION: "us-east-1",
    TRAILWARDEN_AWS_MAX_ATTEMPTS: "3",
  });
  resetEnvCache();
});
afterAll(async () => {
  for (const k of [
    "TRAILWARDEN_EXTERNAL_ID",
    "TRAILWARDEN_SECURITYHUB_ACCOUNT",
    "TRAILWARDEN_SECURITYHUB_REGION",
    "TRAILWARDEN_AWS_MAX_ATTEMPTS",
  ])
    delete process.env[k];
  resetEnvCache();
  await fresh.drop();
});

async function waitFor(runId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await getCollectionProgress(runId);
    if (p && ["ok", "partial", "error"].includes(p.status)) return p;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${p?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The run's calls per operation add up to its call count, and there are some. */
function expectCallsAddUp(run: { apiCalls: number; apiCallsByOp: Record<string, number> }) {
  const sum = Object.values(run.apiCallsByOp).reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(0);
  expect(sum).toBe(run.apiCalls);
}

describe("queued collections", () => {
  let worker: WorkerHandle;
  afterAll(async () => worker?.stop());

  it("coalesces equivalent requests while queued, and a worker runs them", async () => {
    const first = await requestCollection({ trigger: "manual", requestedBy: "alice@example.com" });
    const second = await requestCollection({ trigger: "api", requestedBy: "token:ci" });
    const subset = await requestCollection({ trigger: "api", accountIds: [manifest.managementAccountId] });
    expect(first.coalesced).toBe(false);
    expect(second).toEqual({ runId: first.runId, coalesced: true });
    // A queued run over every account covers a request for some of them.
    expect(subset).toEqual({ runId: first.runId, coalesced: true });
    expect((await getCollectionProgress(first.runId))!.status).toBe("queued");

    worker = await startWorker({ log: () => undefined, pollingIntervalSeconds: 0.5 });
    const done = await waitFor(first.runId);
    expect(done).toMatchObject({
      status: "ok",
      trigger: "manual",
      requestedBy: "alice@example.com",
      accountsTotal: manifest.accounts.length,
      accountsDone: manifest.accounts.length,
    });
    expect(await db.snapshot.count({ where: { runId: first.runId } })).toBe(manifest.accounts.length);
  });

  it("installs the cron schedule (TRAILWARDEN_COLLECT_CRON, default every 4 hours)", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT name, cron, timezone FROM pgboss.schedule WHERE name = 'collect'`);
    await client.end();
    expect(rows).toEqual([{ name: "collect", cron: "0 */4 * * *", timezone: "UTC" }]);
  });

  it("runs a request made while the worker is up", async () => {
    const req = await requestCollection({ trigger: "api", accountIds: [manifest.managementAccountId] });
    expect(req.coalesced).toBe(false);
    const done = await waitFor(req.runId);
    expect(done).toMatchObject({ status: "ok", accountsTotal: 1, accountIds: [manifest.managementAccountId] });
  });
});

describe("the scheduled job", () => {
  it("runs under its job's id, so a retry resumes the same run instead of starting another", async () => {
    const jobId = randomUUID();
    const context = { jobId, retryCount: 0, signal: new AbortController().signal, log: () => undefined };
    await collectJob.handle(collectPayload.parse({ trigger: "schedule" }), context);
    const run = (await getCollectionProgress(jobId))!;
    expect(run).toMatchObject({ status: "ok", trigger: "schedule", accountsDone: manifest.accounts.length });
    // A batched run sums its calls per operation over the planner and every batch.
    expectCallsAddUp(run);
    expect(run.apiCallsByOp["cloudtrail:ListTrails"]).toBeGreaterThanOrEqual(manifest.accounts.length);
    // The planner's discovery is counted too, once.
    expect(run.apiCallsByOp["organizations:DescribeOrganization"]).toBe(1);
    // The same job again (pg-boss retrying it) finds the run finished and collects nothing.
    await collectJob.handle(collectPayload.parse({ trigger: "schedule" }), { ...context, retryCount: 1 });
    expect(await db.snapshot.count({ where: { runId: jobId } })).toBe(manifest.accounts.length);
    expect(await db.collectionRun.count({ where: { trigger: "schedule" } })).toBe(1);
  });
});

describe("overlapping runs", () => {
  it("never collect one account in two runs at the same time", async () => {
    const [a, b] = await Promise.all([runCollection({ trigger: "api" }), runCollection({ trigger: "schedule" })]);
    const rows = await db.collectionRunAccount.findMany({ where: { runId: { in: [a.runId, b.runId] } } });
    for (const account of manifest.accounts) {
      const [x, y] = [a.runId, b.runId].map((id) =>
        rows.find((r) => r.runId === id && r.accountId === account.accountId)!,
      );
      const collected = [x!, y!].filter((r) => r.status !== "skipped");
      expect(collected.length).toBeGreaterThanOrEqual(1);
      if (collected.length === 2) {
        // Both collected it: one after the other, never overlapping.
        const [p, q] = collected.sort((m, n) => m.startedAt!.getTime() - n.startedAt!.getTime());
        expect(q!.startedAt!.getTime()).toBeGreaterThanOrEqual(p!.finishedAt!.getTime());
      } else {
        const skipped = [x!, y!].find((r) => r.status === "skipped")!;
        expect(skipped.error).toMatch(/^being collected by run /);
      }
    }
  });
});

describe("`trailwarden collect` (no worker)", () => {
  it("leaves the coverage rollups up to date after its run", async () => {
    const account = manifest.managementAccountId;
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    let code: number;
    try {
      code = await collectCommand({ account: [account], json: true });
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(0);
    const summary = JSON.parse(printed.at(-1)!) as { runId: string; status: string };
    expect(summary.status).toBe("ok");
    expect(await db.snapshot.count({ where: { runId: summary.runId, accountId: account } })).toBe(1);
    // Every account's rows reflect all its snapshots, the one just stored included (and those of the
    // runs above that went straight through runCollection, which builds no rollups).
    expect(await findStaleAccounts()).toEqual([]);
    const [built] = await db.$queryRaw<{ snapshot_count: number }[]>`
      SELECT snapshot_count FROM coverage_builds WHERE account_id = ${account}`;
    expect(built?.snapshot_count).toBe(await db.snapshot.count({ where: { accountId: account } }));
    const [days] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM coverage_days WHERE account_id = ${account}`;
    expect(days!.n).toBeGreaterThan(0);
  });
});

describe("a batch whose retries run out", () => {
  afterAll(async () => {
    await db.$executeRawUnsafe("DROP TRIGGER IF EXISTS refuse_snapshot ON snapshots");
    await db.$executeRawUnsafe("DROP FUNCTION IF EXISTS refuse_snapshot()");
    delete process.env.TRAILWARDEN_COLLECT_BATCH_SIZE;
    resetEnvCache();
    await stopBoss();
  });

  it("ends the run partial, its accounts failed with the reason, instead of leaving it running", async () => {
    // The database refuses every snapshot of one account: each attempt of its batch throws.
    const victim = manifest.accounts.find((a) => a.accountId !== manifest.managementAccountId)!.accountId;
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: snapshot of % refused', NEW.account_id; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_snapshot BEFORE INSERT ON snapshots FOR EACH ROW
       WHEN (NEW.account_id = '${victim}') EXECUTE FUNCTION refuse_snapshot()`,
    );
    process.env.TRAILWARDEN_COLLECT_BATCH_SIZE = "2";
    resetEnvCache();
    const runId = randomUUID();
    const lines: string[] = [];
    // The coordinator alone: it works on the batches itself, and pg-boss retries the failing one
    // (collect-batch: 3 retries, 5 s apart) until it gives up.
    const status = await coordinateRun({ runId, trigger: "api", requestedBy: null }, (l) => lines.push(l));
    expect(status).toBe("partial");
    const run = (await getCollectionProgress(runId))!;
    expect(run).toMatchObject({
      status: "partial",
      accountsTotal: manifest.accounts.length,
      accountsDone: manifest.accounts.length,
    });
    expect(run.accountsFailed).toBeGreaterThanOrEqual(1);
    expect(run.error).toMatch(/^Batch \d+ failed after 4 attempt\(s\): .*injected: snapshot of \d{12} refused/m);
    const rows = await db.collectionRunAccount.findMany({ where: { runId } });
    const failed = rows.filter((r) => r.status === "error");
    expect(failed.map((r) => r.accountId)).toContain(victim);
    for (const r of failed) expect(r.error).toMatch(/failed after 4 attempt\(s\)/);
    // The accounts of the other batches were collected as usual.
    expect(rows.filter((r) => r.status === "ok").length).toBe(manifest.accounts.length - failed.length);
    expect(failed.length).toBeLessThanOrEqual(2);
    expect(lines.some((l) => /failed for good/.test(l))).toBe(true);
  }, 120_000);
});
