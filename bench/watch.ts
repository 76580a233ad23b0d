// Watch benchmark: seeds a moto organization of N accounts (sim/seed-bulk.ts), collects it once
// (the watch's baseline), then measures watch rounds through the simulator's proxy (which answers
// LookupEvents): the first round (assumes a role in every account), a round where nothing changed
// (CloudTrail calls per account, wall time), and the time from a StopLogging in one account to the
// webhook delivery, with a worker sending rounds every --interval seconds.
//
//   npx tsx bench/watch.ts --accounts 1000 [--interval 30] [--concurrency 32]
//
// Uses DATABASE_URL's server (a new database per run) when set, else an embedded PostgreSQL.
// Prints a table and a final JSON line.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { StopLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { runCollection } from "@/lib/collect/run-collection";
import { resetEnvCache } from "@/lib/config/env";
import { db, disconnectDb } from "@/lib/db";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { startWorker } from "@/lib/jobs/start-worker";
import { runWatchBatch } from "@/lib/watch/run-watch-batch";
import { planWatchRound } from "@/lib/watch/start-watch-round";
import { closeWatchContext } from "@/lib/watch/watch-context";
import { SimClients, motoClientConfig, MANAGEMENT_ACCOUNT_ID } from "@/sim/aws-env";
import { actingIn, MotoAccountRouting } from "@/sim/moto-account-routing";
import { seedBulkOrganization } from "@/sim/seed-bulk";
import { startSimulator } from "@/sim/start-simulator";
import { freshDatabase } from "@/bench/support/fresh-database";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg("accounts", "100"));
const INTERVAL = Number(arg("interval", "30"));
const CONCURRENCY = Number(arg("concurrency", "32"));
const log = (line: string) => console.error(`[bench:watch] ${line}`);

interface RoundFigures {
  wallMs: number;
  accounts: number;
  cloudtrailCalls: number;
  callsPerAccount: number;
  assumeRoleCalls: number;
  changed: number;
  failed: number;
}

async function round(proxyOps: () => Record<string, number>): Promise<RoundFigures> {
  const before = proxyOps();
  const started = Date.now();
  const plan = await planWatchRound(randomUUID(), 100);
  let accounts = 0;
  let changed = 0;
  let failed = 0;
  for (const b of plan.batches) {
    const r = await runWatchBatch({ roundId: plan.roundId, index: b.index, accountIds: b.accountIds });
    accounts += r.checked;
    changed += r.changed.length;
    failed += r.failed;
  }
  const wallMs = Date.now() - started;
  const after = proxyOps();
  const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
  const cloudtrail = Object.keys(after)
    .filter((k) => k.startsWith("cloudtrail:"))
    .reduce((sum, k) => sum + delta(k), 0);
  return {
    wallMs,
    accounts,
    cloudtrailCalls: cloudtrail,
    callsPerAccount: +(cloudtrail / Math.max(1, accounts)).toFixed(2),
    assumeRoleCalls: delta("sts:AssumeRole"),
    changed,
    failed,
  };
}

async function main(): Promise<void> {
  const sim = await startSimulator({ log });
  const cleanups: (() => Promise<void> | void)[] = [() => sim.stop()];
  const received: { at: number; body: { rule: string; accountId: string; trailArn: string | null } }[] = [];
  const receiver = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      received.push({ at: Date.now(), body: JSON.parse(Buffer.concat(parts).toString("utf8")) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise<void>((r) => receiver.close(() => r())));
  try {
    const database = await freshDatabase("tw_bench_watch");
    cleanups.push(() => database.stop());
    const seedStarted = Date.now();
    // Seeded straight into moto (the proxy's event history starts empty, as after 90 quiet days).
    const manifest = await seedBulkOrganization(sim.motoEndpoint, N, { log });
    log(`seeded ${N} accounts in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: sim.endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      TRAILWARDEN_SECURITYHUB: "off",
      TRAILWARDEN_COLLECT_CONCURRENCY: String(CONCURRENCY),
      TRAILWARDEN_WATCH_INTERVAL: String(INTERVAL),
      TRAILWARDEN_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      TRAILWARDEN_ALERT_WEBHOOK_SECRET: "bench",
      TZ: "UTC",
    });
    resetEnvCache();

    const collectStarted = Date.now();
    const baseline = await runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });
    log(`baseline collection ${baseline.status} in ${((Date.now() - collectStarted) / 1000).toFixed(1)} s`);

    const ops = () => ({ ...sim.proxy.stats.byOperation });
    const first = await round(ops);
    log(`first round: ${(first.wallMs / 1000).toFixed(2)} s, ${first.callsPerAccount} CloudTrail calls/account`);
    const steady = await round(ops);
    log(`steady round: ${(steady.wallMs / 1000).toFixed(2)} s, ${steady.callsPerAccount} CloudTrail calls/account`);

    // StopLogging in one member → webhook, with a worker sending rounds every INTERVAL seconds.
    const worker = await startWorker({ log: () => undefined, pollingIntervalSeconds: 1 });
    cleanups.unshift(() => worker.stop());
    const member = manifest.accounts.find((a) => a.profile === "full" && a.trailArns.length > 0)!;
    const trailArn = member.trailArns[0]!;
    const shared = new SimClients(MANAGEMENT_ACCOUNT_ID, {
      ...motoClientConfig(sim.endpoint),
      requestHandler: new MotoAccountRouting(),
    });
    // Mid-interval, as a real change would be.
    await new Promise((r) => setTimeout(r, (INTERVAL / 2) * 1000));
    const stoppedAt = Date.now();
    await actingIn(member.accountId, () =>
      shared.withAccount(member.accountId).cloudtrail.send(new StopLoggingCommand({ Name: trailArn.split("/").pop() })),
    );
    shared.destroy();
    const deadline = Date.now() + (INTERVAL + 120) * 1000;
    let hit: (typeof received)[number] | undefined;
    while (!hit && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      hit = received.find((r) => r.body.rule === "logging-stopped" && r.body.accountId === member.accountId);
    }
    const stopToWebhookMs = hit ? hit.at - stoppedAt : null;

    const result = {
      accounts: N,
      intervalSeconds: INTERVAL,
      firstRound: first,
      steadyRound: steady,
      steadyCallsPerAccount: steady.callsPerAccount,
      steadyWallSeconds: +(steady.wallMs / 1000).toFixed(2),
      stopToWebhookSeconds: stopToWebhookMs === null ? null : +(stopToWebhookMs / 1000).toFixed(2),
      targets: { callsPerAccount: 2, wallSeconds: 15, stopToWebhookSeconds: INTERVAL + 10 },
    };
    console.log("");
    console.log(`accounts                          ${N}`);
    console.log(
      `first round (assumes roles)       ${(first.wallMs / 1000).toFixed(2)} s, ${first.assumeRoleCalls} AssumeRole`,
    );
    console.log(`steady round wall                 ${result.steadyWallSeconds} s (target ≤ 15)`);
    console.log(
      `steady CloudTrail calls/account   ${steady.callsPerAccount} (target ≤ 2), AssumeRole ${steady.assumeRoleCalls}`,
    );
    console.log(
      `StopLogging → webhook             ${result.stopToWebhookSeconds ?? "not delivered"} s (target ≤ ${INTERVAL + 10})`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await closeWatchContext();
    for (const c of cleanups) await Promise.resolve(c()).catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
