// Benchmark: the coverage report over a year of history for 1,000 accounts × 17 regions.
// Run: npx tsx bench/coverage.ts [accounts]   (npm run bench:coverage)
// Targets: report as JSON or CSV ≤ 5 s, as PDF ≤ 20 s, peak RSS ≤ 1 GB (measured in a child
// process that only builds and renders, so seeding does not count).
// Seeding (not timed): rollups and gaps for every account are written directly through the same
// rollup code and bulk inserts a rebuild uses; 20 accounts also get a year of snapshots every 4 h,
// and rebuilding those from snapshots (full, then incremental after one more collection) is timed.
// Uses DATABASE_URL if set (its bench accounts, ids 8xxxxxxxxxxx, are replaced), else an embedded
// PostgreSQL in a temporary TRAILWARDEN_DATA_DIR.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db, disconnectDb } from "@/lib/db";
import { ensureDatabase } from "@/lib/db/database";
import type { Coverage, Segment } from "@/lib/coverage/coverage-types";
import { buildCoverageReport } from "@/lib/coverage/build-report";
import { checkCoverageSchema } from "@/lib/coverage/check-coverage-schema";
import { rebuildCoverage } from "@/lib/coverage/rebuild-coverage";
import { renderCoverage, type CoverageFormat } from "@/lib/coverage/render-coverage";
import { DAY_SECONDS, extractGaps, rollupDays } from "@/lib/coverage/rollup-days";
import { insertDays, insertGaps, upsertBuild } from "@/lib/coverage/write-coverage-rows";
import { every, trail, WRITE_ONLY } from "@/tests/unit/coverage/history";

const ACCOUNTS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
const SNAPSHOT_ACCOUNTS = 20;
const REGIONS = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];
const TARGETS = { json: 5_000, csv: 5_000, pdf: 20_000 };
const OUT = path.resolve("bench/out");
const accountId = (i: number) => String(800000000000 + i);

let seed = 0xc0ffee;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo));

/** Replaces [start, end) of a contiguous timeline with `coverage`. */
function overlay(
  segments: Segment[],
  start: number,
  end: number,
  coverage: Coverage,
  bound: Segment["startBound"],
): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.end <= start || s.start >= end) out.push(s);
    else {
      if (s.start < start) out.push({ ...s, end: start });
      if (s.end > end) out.push({ ...s, start: end, startBound: bound });
    }
  }
  out.push({ ...coverage, start, end, startBound: bound });
  return out.sort((a, b) => a.start - b.start);
}

/** A year and a month of plausible history for one account, as per-region timelines. */
function syntheticTimelines(now: number): { first: number; last: number; timelines: Map<string, Segment[]> } {
  const first = now - (random() < 0.1 ? between(30, 300) : 400) * DAY_SECONDS + between(0, 14_400);
  const last = now - between(0, 14_400);
  const events: { start: number; end: number; coverage: Coverage; bound: Segment["startBound"]; regions: string[] }[] =
    [];
  for (let k = between(0, 4); k > 0; k--) {
    const start = between(first, last - 3 * DAY_SECONDS);
    events.push({
      start,
      end: start + between(600, 3 * DAY_SECONDS),
      coverage: { state: "not_recorded", cause: "logging_stopped" },
      bound: "aws",
      regions: REGIONS,
    });
  }
  if (random() < 0.2) {
    const start = between(first, last - 10 * DAY_SECONDS);
    events.push({
      start,
      end: start + between(1, 10) * 14_400,
      coverage: { state: "partial", cause: "write_only" },
      bound: "snapshots",
      regions: REGIONS,
    });
  }
  if (random() < 0.1) {
    const start = between(first, last - 4 * DAY_SECONDS);
    events.push({
      start,
      end: start + 3 * DAY_SECONDS,
      coverage: { state: "unknown", cause: "collection_error" },
      bound: "snapshots",
      regions: REGIONS,
    });
  }
  if (random() < 0.05) {
    events.push({
      start: first,
      end: last,
      coverage: { state: "not_recorded", cause: "not_multi_region" },
      bound: "snapshots",
      regions: REGIONS.filter((r) => r !== "us-east-1"),
    });
  }
  const timelines = new Map<string, Segment[]>();
  for (const region of REGIONS) {
    let segments: Segment[] = [{ state: "recorded", cause: null, start: first, end: last, startBound: "snapshots" }];
    for (const e of events)
      if (e.regions.includes(region)) segments = overlay(segments, e.start, e.end, e.coverage, e.bound);
    timelines.set(region, segments);
  }
  return { first, last, timelines };
}

async function seed_(now: number): Promise<void> {
  const ids = Array.from({ length: ACCOUNTS + SNAPSHOT_ACCOUNTS }, (_, i) => accountId(i));
  await db.$executeRaw`DELETE FROM coverage_days WHERE account_id LIKE '8%'`;
  await db.$executeRaw`DELETE FROM coverage_gaps WHERE account_id LIKE '8%'`;
  await db.$executeRaw`DELETE FROM coverage_builds WHERE account_id LIKE '8%'`;
  await db.$executeRaw`DELETE FROM snapshots WHERE account_id LIKE '8%'`;
  await db.awsAccount.createMany({
    data: ids.map((id, i) => ({
      id,
      name: `Workload ${i} (${["payments", "analytics", "sandbox", "platform"][i % 4]})`,
      firstSeenAt: new Date((now - 500 * DAY_SECONDS) * 1000),
    })),
    skipDuplicates: true,
  });
  const started = performance.now();
  for (let i = 0; i < ACCOUNTS; i++) {
    const { first, last, timelines } = syntheticTimelines(now);
    const days = [...timelines].flatMap(([r, s]) => rollupDays(r, s));
    const gaps = [...timelines].flatMap(([r, s]) => extractGaps(r, s));
    const id = accountId(i);
    await insertDays(db, id, days);
    await insertGaps(db, id, gaps);
    const regions = Object.fromEntries(REGIONS.map((r) => [r, first]));
    await upsertBuild(db, {
      accountId: id,
      ruleVersion: 1,
      snapshotCount: 0,
      firstGoodAt: first,
      lastGoodAt: last,
      evidenceTo: last,
      regions,
    });
  }
  console.log(
    `seeded rollups for ${ACCOUNTS} accounts × ${REGIONS.length} regions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const iso = (s: number) => new Date(s * 1000).toISOString();
  const from = iso(Math.floor(now / 14_400) * 14_400 - 366 * DAY_SECONDS);
  const stopAt = iso(now - 200 * DAY_SECONDS + 5_000);
  const restartAt = iso(now - 200 * DAY_SECONDS + 9_000);
  const cut = iso(Math.floor((now - 200 * DAY_SECONDS) / 14_400) * 14_400 + 14_400);
  const end = iso(Math.floor(now / 14_400) * 14_400);
  for (let i = ACCOUNTS; i < ACCOUNTS + SNAPSHOT_ACCOUNTS; i++) {
    const id = accountId(i);
    const opts = { accountId: id, regions: REGIONS };
    const restarted = trail(
      { eventSelectors: i % 2 ? WRITE_ONLY : { basic: null, advanced: null } },
      { stopLoggingTime: stopAt, startLoggingTime: restartAt },
    );
    const history = [...every(4, from, cut, [trail()], opts), ...every(4, cut, end, [restarted], opts)];
    for (let k = 0; k < history.length; k += 1000) {
      await db.snapshot.createMany({
        data: history.slice(k, k + 1000).map((s) => ({
          accountId: id,
          collectedAt: new Date(s.collectedAt),
          status: s.status,
          state: (s.state ?? {}) as object,
        })),
      });
    }
  }
  const full = await rebuildCoverage({ accountIds: ids.slice(ACCOUNTS) });
  console.log(
    `rebuildCoverage from snapshots, full: ${SNAPSHOT_ACCOUNTS} accounts × ~2,200 snapshots in ${full.durationMs} ms (${(full.durationMs / SNAPSHOT_ACCOUNTS).toFixed(0)} ms per account)`,
  );
  await db.snapshot.createMany({
    data: ids.slice(ACCOUNTS).map((id) => ({
      accountId: id,
      collectedAt: new Date(now * 1000),
      status: "ok",
      state: (every(4, iso(now), iso(now + 1), [trail()], { accountId: id, regions: REGIONS })[0]!.state ??
        {}) as object,
    })),
  });
  const incremental = await rebuildCoverage({ onlyStale: true });
  console.log(
    `rebuildCoverage after one more collection, incremental: ${incremental.incremental} of ${incremental.accounts} accounts in ${incremental.durationMs} ms`,
  );
}

async function measure(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const figures: string[] = [];
  let failed = false;
  const runs: { format: CoverageFormat; refresh: boolean }[] = [
    { format: "json", refresh: false },
    { format: "csv", refresh: false },
    { format: "pdf", refresh: false },
    { format: "json", refresh: true }, // as the CLI runs it: staleness check first
  ];
  for (const { format, refresh } of runs) {
    const t0 = performance.now();
    const report = await buildCoverageReport({ refresh });
    const t1 = performance.now();
    const rendered = await renderCoverage(report, format, { fileName: `coverage-bench.${format}` });
    const total = performance.now() - t0;
    for (const f of rendered.files) writeFileSync(path.join(OUT, f.name), f.body);
    const bytes = rendered.files.reduce((n, f) => n + f.body.length, 0);
    const ok = total <= TARGETS[format];
    failed ||= !ok;
    figures.push(
      `${format.padEnd(4)} ${(total / 1000).toFixed(2)} s (read+assemble ${((t1 - t0) / 1000).toFixed(2)} s${refresh ? " incl. staleness check" : ""}, ` +
        `render ${((total - (t1 - t0)) / 1000).toFixed(2)} s), ${(bytes / 1e6).toFixed(1)} MB, ${report.summary.accountRegions} account-regions, ` +
        `${report.summary.gapCount} gaps  target ≤ ${TARGETS[format] / 1000} s ${ok ? "OK" : "MISSED"}`,
    );
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  figures.push(`peak RSS ${rssMb.toFixed(0)} MB  target ≤ 1024 MB ${rssMb <= 1024 ? "OK" : "MISSED"}`);
  console.log(figures.join("\n"));
  await disconnectDb();
  process.exit(failed || rssMb > 1024 ? 1 : 0);
}

if (process.argv.includes("--measure")) {
  await measure();
} else {
  let tmp: string | null = null;
  if (!process.env.DATABASE_URL) {
    tmp = mkdtempSync(path.join(os.tmpdir(), "tw-bench-coverage-"));
    chmodSync(tmp, 0o755); // as root, the embedded server runs as `postgres`, which must reach it
    process.env.TRAILWARDEN_DATA_DIR = tmp;
  }
  const database = await ensureDatabase({ log: (l) => console.log(l) });
  await checkCoverageSchema();
  await seed_(Math.floor(Date.now() / 1000));
  await disconnectDb();
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--measure"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url },
  });
  await database.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(child.status ?? 1);
}
