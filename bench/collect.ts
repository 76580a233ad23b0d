// Collection benchmark: seeds a moto organization of N accounts (sim/seed-bulk.ts), runs a full
// collection into a fresh database, and measures the floor: the same minimal set of AWS calls
// issued directly with the SDK at the same concurrency (no database, no rate limiter, no evidence).
//
//   npx tsx bench/collect.ts --accounts 1000 [--proxy-latency 100 --proxy-throttle 0.05]
//                            [--concurrency 32] [--no-floor] [--node-heap MB] [--plain-moto]
//   npx tsx bench/collect.ts --accounts 2000 --workers 2 [--batch-size 100]
//
// The collection talks to the strict simulator (sim/start-simulator.ts: moto behind the proxy that
// checks what AWS checks and answers what moto lacks), as the demo and the integration tests do;
// --plain-moto measures against moto alone. Seeding goes to moto directly (state AWS would hold).
//
// With --workers N: one run through the job queue with one worker process, then one run shared by
// N worker processes (bench/support/shared-run.ts): wall times, each worker's share, failed accounts.
//
// Also runs the next collection (steady state: regions are reused for a day) and reports it.
//
// Uses DATABASE_URL's server (a new database per run) when set, else an embedded PostgreSQL in a
// temporary directory. Prints a table and a final JSON line.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListEventDataStoresCommand,
  ListTagsCommand,
  ListTrailsCommand,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import pLimit from "p-limit";
import { runCollection, type RunSummary } from "@/lib/collect/run-collection";
import { settingsFromEnv } from "@/lib/collect/run-context";
import { getEnv } from "@/lib/config/env";
import { db, disconnectDb } from "@/lib/db";
import { seedBulkOrganization } from "@/sim/seed-bulk";
import { startMoto } from "@/sim/start-moto";
import { startSimulator } from "@/sim/start-simulator";
import { freshDatabase } from "@/bench/support/fresh-database";
import { sharedRun } from "@/bench/support/shared-run";

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg("accounts", "100"));
const LATENCY = Number(arg("proxy-latency", "0"));
const THROTTLE = Number(arg("proxy-throttle", "0"));
const CONCURRENCY = Number(arg("concurrency", "32"));
const FLOOR = !process.argv.includes("--no-floor");
const WORKERS = Number(arg("workers", "0"));
const BATCH_SIZE = Number(arg("batch-size", "100"));
/** V8 old-space limit for the collection process (MB); default: Node's own. */
const NODE_HEAP = arg("node-heap");
/** Measure against moto alone instead of the strict simulator. */
const PLAIN_MOTO = process.argv.includes("--plain-moto");
const REGION = "us-east-1";
const log = (line: string) => console.error(`[bench] ${line}`);

async function startProxy(target: string): Promise<{ endpoint: string; stop: () => void }> {
  // Its own process: the proxy's event loop must not share the collector's.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.resolve("sim/proxy/throttle-proxy-cli.ts"),
      "--target",
      target,
      "--latency",
      String(LATENCY),
      "--throttle",
      String(THROTTLE),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (b: Buffer) => resolve(b.toString().trim().split("\n")[0]!));
    child.once("exit", (code) => reject(new Error(`proxy exited (${code})`)));
  });
  return { endpoint, stop: () => child.kill("SIGTERM") };
}

/** The minimal calls of a collection, straight through the SDK (what any collector must ask). */
export async function floor(endpoint: string, concurrency = CONCURRENCY): Promise<{ ms: number; calls: number }> {
  const handler = new NodeHttpHandler({
    httpAgent: { keepAlive: true, maxSockets: 256 },
    requestTimeout: 20_000,
    connectionTimeout: 5_000,
  });
  const base = { region: REGION, endpoint, requestHandler: handler, maxAttempts: 6 };
  const hub = { ...base, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  let calls = 0;
  const send = <T>(p: Promise<T>) => {
    calls += 1;
    return p;
  };
  const started = performance.now();
  const sts = new STSClient(hub);
  const org = new OrganizationsClient(hub);
  await send(sts.send(new GetCallerIdentityCommand({})));
  const orgInfo = await send(org.send(new DescribeOrganizationCommand({})));
  const mgmt = orgInfo.Organization!.MasterAccountId!;
  const accounts: string[] = [];
  const visit = async (parent: string): Promise<void> => {
    const [accs, ous] = await Promise.all([
      (async () => {
        let token: string | undefined;
        do {
          const r = await send(
            org.send(new ListAccountsForParentCommand({ ParentId: parent, NextToken: token, MaxResults: 20 })),
          );
          accounts.push(...(r.Accounts ?? []).map((a) => a.Id!));
          token = r.NextToken;
        } while (token);
      })(),
      send(org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent }))),
    ]);
    void accs;
    await Promise.all((ous.OrganizationalUnits ?? []).map((u) => visit(u.Id!)));
  };
  const roots = await send(org.send(new ListRootsCommand({})));
  await Promise.all((roots.Roots ?? []).map((r) => visit(r.Id!)));

  const buckets = new Set<string>();
  const limit = pLimit(concurrency);
  const ordered = [mgmt, ...accounts.filter((a) => a !== mgmt)];
  await Promise.all(
    ordered.map((account) =>
      limit(async () => {
        const c = (
          await send(
            sts.send(
              new AssumeRoleCommand({
                RoleArn: `arn:aws:iam::${account}:role/TrailwardenReadOnly`,
                RoleSessionName: "floor",
              }),
            ),
          )
        ).Credentials!;
        const cfg = {
          ...base,
          credentials: {
            accessKeyId: c.AccessKeyId!,
            secretAccessKey: c.SecretAccessKey!,
            sessionToken: c.SessionToken,
          },
        };
        const ct = new CloudTrailClient(cfg);
        const [, listed] = await Promise.all([
          send(new EC2Client(cfg).send(new DescribeRegionsCommand({ AllRegions: true }))),
          send(ct.send(new ListTrailsCommand({}))),
          account === mgmt ? send(ct.send(new ListEventDataStoresCommand({}))).catch(() => undefined) : undefined,
        ]);
        const arns = (listed.Trails ?? []).map((t) => t.TrailARN!).filter((a) => a.split(":")[4] === account);
        if (arns.length === 0) return;
        const [described] = await Promise.all([
          send(ct.send(new DescribeTrailsCommand({ trailNameList: arns }))),
          send(ct.send(new ListTagsCommand({ ResourceIdList: arns }))),
          ...arns.flatMap((a) => [
            send(ct.send(new GetTrailStatusCommand({ Name: a }))),
            send(ct.send(new GetEventSelectorsCommand({ TrailName: a }))),
          ]),
        ]);
        const logs = new CloudWatchLogsClient(cfg);
        const mine = (described.trailList ?? []).filter((t) => arns.includes(t.TrailARN!));
        for (const t of mine) if (t.S3BucketName) buckets.add(t.S3BucketName);
        await Promise.all(
          mine
            .filter((t) => t.CloudWatchLogsLogGroupArn)
            .map((t) =>
              send(
                logs.send(
                  new DescribeMetricFiltersCommand({
                    logGroupName: t.CloudWatchLogsLogGroupArn!.split(":log-group:")[1]!.replace(/:\*$/, ""),
                  }),
                ),
              ),
            ),
        );
      }),
    ),
  );
  // Trail buckets, once per run, in the management account that owns the bulk seed's central bucket.
  const mc = (
    await send(
      sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${mgmt}:role/TrailwardenReadOnly`, RoleSessionName: "floor" }),
      ),
    )
  ).Credentials!;
  const s3 = new S3Client({
    ...base,
    forcePathStyle: true,
    credentials: { accessKeyId: mc.AccessKeyId!, secretAccessKey: mc.SecretAccessKey!, sessionToken: mc.SessionToken },
  });
  await send(s3.send(new ListBucketsCommand({})));
  await Promise.all(
    [...buckets].flatMap((Bucket) => [
      send(s3.send(new GetBucketLoggingCommand({ Bucket }))),
      send(s3.send(new GetPublicAccessBlockCommand({ Bucket }))).catch(() => undefined),
      send(s3.send(new GetBucketPolicyStatusCommand({ Bucket }))).catch(() => undefined),
    ]),
  );
  handler.destroy();
  return { ms: performance.now() - started, calls };
}

async function perAccountCalls(
  runId: string,
  managementAccountId: string,
): Promise<{ oneTrail: number; twoTrail: number; max: number; management: number }> {
  const rows = await db.snapshot.findMany({
    where: { runId },
    select: { accountId: true, apiCalls: true, state: true },
  });
  const owned = (s: unknown) =>
    ((s as { trails: { appliesVia: string }[] }).trails ?? []).filter((t) => t.appliesVia === "owned").length;
  const members = rows.filter((r) => r.accountId !== managementAccountId);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    oneTrail: avg(members.filter((r) => owned(r.state) === 1).map((r) => r.apiCalls)),
    twoTrail: avg(members.filter((r) => owned(r.state) === 2).map((r) => r.apiCalls)),
    max: Math.max(...members.filter((r) => owned(r.state) === 1).map((r) => r.apiCalls)),
    management: rows.find((r) => r.accountId === managementAccountId)?.apiCalls ?? 0,
  };
}

interface ChildResult {
  summary: RunSummary;
  wallMs: number;
  peakRss: number;
  perAccount: Awaited<ReturnType<typeof perAccountCalls>>;
}

/** In the child: one collection, reported as JSON on stdout. */
async function childCollect(managementAccountId: string): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const summary = await runCollection({ trigger: "seed", settings: settingsFromEnv(getEnv()), log });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const perAccount = await perAccountCalls(summary.runId, managementAccountId);
  await disconnectDb();
  const out: ChildResult = {
    summary: { ...summary, accounts: summary.accounts.filter((a) => a.status !== "ok") },
    wallMs,
    peakRss,
    perAccount,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function collectInChild(managementAccountId: string): Promise<ChildResult> {
  const flags = NODE_HEAP ? [`--max-old-space-size=${NODE_HEAP}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...flags,
      "--import",
      "tsx",
      // As for the parent (package.json's bench:collect): server-only modules resolve outside Next.js.
      "--import",
      path.resolve("bin/node-hooks/register.mjs"),
      path.resolve("bench/collect.ts"),
      "--child-collect",
      managementAccountId,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: process.env },
  );
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the collection process exited with ${code}`);
  return JSON.parse(out.trim().split("\n").pop()!) as ChildResult;
}

async function main(): Promise<void> {
  const aws = PLAIN_MOTO
    ? await startMoto({ log }).then((m) => ({ endpoint: m.endpoint, motoEndpoint: m.endpoint, stop: () => m.stop() }))
    : await startSimulator({ log });
  const cleanups: (() => Promise<void> | void)[] = [() => aws.stop()];
  try {
    const database = await freshDatabase("tw_bench");
    cleanups.push(() => database.stop());
    const seedStarted = Date.now();
    const manifest = await seedBulkOrganization(aws.motoEndpoint, N, { log });
    log(`seeded ${N} accounts in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    let endpoint = aws.endpoint;
    log(PLAIN_MOTO ? `moto alone at ${endpoint}` : `strict simulator at ${endpoint} (moto at ${aws.motoEndpoint})`);
    if (LATENCY > 0 || THROTTLE > 0) {
      const proxy = await startProxy(aws.endpoint);
      cleanups.push(proxy.stop);
      endpoint = proxy.endpoint;
      log(`proxy ${endpoint}: +${LATENCY} ms, ${THROTTLE * 100}% throttled`);
    }
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: REGION,
      TRAILWARDEN_SECURITYHUB: "off",
      TRAILWARDEN_COLLECT_CONCURRENCY: String(CONCURRENCY),
      TZ: "UTC",
    });

    if (WORKERS > 0) {
      // Warm moto's per-account backends first, so neither measured run pays for them.
      const warm = await floor(endpoint);
      log(`warm-up floor: ${(warm.ms / 1000).toFixed(1)} s`);
      const one = await sharedRun(1, BATCH_SIZE);
      log(`1 worker: ${one.wallSeconds} s, ${one.status}, ${one.failed} failed`);
      const many = await sharedRun(WORKERS, BATCH_SIZE);
      log(`${WORKERS} workers: ${many.wallSeconds} s, shares ${many.shares.join(" / ")}, ${many.failed} failed`);
      const result = {
        accounts: many.accounts,
        batchSize: BATCH_SIZE,
        oneWorker: one,
        shared: many,
        speedup: +(one.wallSeconds / many.wallSeconds).toFixed(2),
      };
      console.log(`\naccounts ${result.accounts}, batches of ${BATCH_SIZE}`);
      console.log(`1 worker      ${one.wallSeconds} s (${one.failed} failed)`);
      console.log(
        `${WORKERS} workers     ${many.wallSeconds} s (${many.failed} failed), shares ${many.shares.join(" / ")}`,
      );
      console.log(`speed-up      ${result.speedup}×`);
      console.log(JSON.stringify(result));
      return;
    }
    // moto builds each account's backends on first touch (EC2's takes long): a first floor pass
    // warms them, so neither measurement pays for it; the floor reported is the second pass.
    if (FLOOR) {
      const warm = await floor(endpoint);
      log(`warm-up floor: ${(warm.ms / 1000).toFixed(1)} s, ${warm.calls} calls`);
    }

    // The collection runs in its own process, as `npx trailwarden collect` does, so its peak RSS is
    // its own (not the seeding's or the floor's).
    const child = await collectInChild(manifest.managementAccountId);
    const { summary, wallMs, peakRss, perAccount } = child;
    const floorResult = FLOOR ? await floor(endpoint) : null;
    if (floorResult) log(`floor: ${(floorResult.ms / 1000).toFixed(1)} s, ${floorResult.calls} calls`);
    // The next scheduled run, as production sees it every four hours: regions are reused for a day.
    const steady = await collectInChild(manifest.managementAccountId);

    const result = {
      accounts: summary.accountsTotal,
      status: summary.status,
      counts: summary.counts,
      wallSeconds: +(wallMs / 1000).toFixed(2),
      accountsPerSecond: +(summary.accountsTotal / (wallMs / 1000)).toFixed(1),
      apiCalls: summary.apiCalls,
      callsPerAccount: +(summary.apiCalls / summary.accountsTotal).toFixed(2),
      callsPerOneTrailMember: +perAccount.oneTrail.toFixed(2),
      maxCallsOneTrailMember: perAccount.max,
      callsPerTwoTrailMember: +perAccount.twoTrail.toFixed(2),
      callsManagementAccount: perAccount.management,
      retries: summary.retries,
      throttled: summary.throttled,
      peakRssMb: Math.round(peakRss / 1e6),
      floorSeconds: floorResult ? +(floorResult.ms / 1000).toFixed(2) : null,
      floorCalls: floorResult?.calls ?? null,
      ratioToFloor: floorResult ? +(wallMs / floorResult.ms).toFixed(2) : null,
      steadyState: {
        wallSeconds: +(steady.wallMs / 1000).toFixed(2),
        apiCalls: steady.summary.apiCalls,
        callsPerOneTrailMember: +steady.perAccount.oneTrail.toFixed(2),
        maxCallsOneTrailMember: steady.perAccount.max,
        peakRssMb: Math.round(steady.peakRss / 1e6),
        failed: steady.summary.counts.error + steady.summary.counts.partial,
      },
      proxy: { latencyMs: LATENCY, throttle: THROTTLE },
      concurrency: CONCURRENCY,
      failedAccounts: summary.accounts
        .filter((a) => a.status !== "ok")
        .map((a) => `${a.accountId}: ${a.error}`)
        .slice(0, 10),
    };
    console.log(
      [
        `accounts            ${result.accounts} (${result.counts.ok} ok, ${result.counts.partial} partial, ${result.counts.error} error)`,
        `wall time           ${result.wallSeconds} s (${result.accountsPerSecond} accounts/s)`,
        `AWS calls           ${result.apiCalls} (${result.callsPerAccount}/account; one-trail member ${result.callsPerOneTrailMember}, ` +
          `max ${result.maxCallsOneTrailMember}; two-trail ${result.callsPerTwoTrailMember}; management ${result.callsManagementAccount})`,
        `retries/throttled   ${result.retries}/${result.throttled}`,
        `peak RSS            ${result.peakRssMb} MB`,
        `floor               ${result.floorSeconds ?? "-"} s (${result.floorCalls ?? "-"} calls), ratio ${result.ratioToFloor ?? "-"}`,
        `next run            ${result.steadyState.wallSeconds} s, ${result.steadyState.apiCalls} calls (one-trail ` +
          `member ${result.steadyState.callsPerOneTrailMember}, max ${result.steadyState.maxCallsOneTrailMember}), ` +
          `peak RSS ${result.steadyState.peakRssMb} MB, ${result.steadyState.failed} not ok`,
      ].join("\n"),
    );
    console.log(JSON.stringify(result));
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const child = arg("child-collect");
  if (child) await childCollect(child);
  else await main();
  process.exit(0);
}
