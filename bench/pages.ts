// Page benchmark (`npm run bench:pages`): seeds 1,000 accounts of results into a fresh PostgreSQL
// database, starts the production server against it (`next start`: run `npm run build` first),
// and measures the server's full response time of /matrix and / (median of 20 after a warm-up)
// and the HTML size of /matrix. Targets: ≤ 300 ms each, /matrix HTML < 1.5 MB.
//
//   npm run bench:pages [-- --accounts 1000 --runs 20 --keep]
//
// Database: a new database on DATABASE_URL's server when set (dropped afterwards), else an
// embedded PostgreSQL in a temporary TRAILWARDEN_DATA_DIR. Pages require a signed-in viewer; the
// bench creates a viewer API token (page guards accept `Authorization: Bearer`). Prints a table
// and a final JSON line; exits 1 when a target is missed.
//
// Also exports seedPageFixtures(n) for tests and screenshots.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb } from "@/lib/db";
import { buildIsCurrent } from "@/lib/runtime/start-web";
import { startChild, type ManagedChild } from "@/lib/runtime/child-process";
import { findFreePort } from "@/lib/runtime/port";
import { seedPageFixtures } from "./page-fixtures/seed-page-fixtures";
import { freshDatabase, type BenchDatabase } from "@/bench/support/fresh-database";

export { seedPageFixtures };

const TARGET_MS = 300;
const TARGET_HTML_BYTES = 1.5 * 1024 * 1024;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const log = (line: string) => console.error(`[bench:pages] ${line}`);

type Database = BenchDatabase;

async function startServer(db: Database): Promise<{ base: string; web: ManagedChild }> {
  const port = await findFreePort();
  const web = startChild(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      label: "web",
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TRAILWARDEN_DATA_DIR: db.dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (web.child.exitCode !== null) throw new Error(`next start exited with code ${web.child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).status < 500) return { base, web };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await web.stop();
  throw new Error("next start did not answer within 60 s");
}

interface Sample {
  ttfbMs: number;
  totalMs: number;
  bytes: number;
}

async function fetchPage(url: string, token: string): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: "text/html" },
    redirect: "manual",
  });
  const ttfbMs = performance.now() - started;
  const body = await res.text();
  const totalMs = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  if (body.includes("could not be loaded") || body.includes("could not be shown"))
    throw new Error(`${url} rendered an error panel`);
  return { ttfbMs, totalMs, bytes: Buffer.byteLength(body) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function measure(base: string, pagePath: string, token: string, runs: number) {
  for (let i = 0; i < 3; i++) await fetchPage(base + pagePath, token);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await fetchPage(base + pagePath, token));
  const total = samples.map((s) => s.totalMs);
  const ttfb = samples.map((s) => s.ttfbMs);
  return {
    path: pagePath,
    medianMs: Math.round(median(total)),
    p90Ms: Math.round(pct(total, 0.9)),
    minMs: Math.round(Math.min(...total)),
    medianTtfbMs: Math.round(median(ttfb)),
    htmlBytes: samples[samples.length - 1]!.bytes,
  };
}

async function main(): Promise<number> {
  const accounts = Number(arg("accounts", "1000"));
  const runs = Number(arg("runs", "20"));
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build: run `npm run build` first (the bench measures `next start`).");
    return 2;
  }
  if (!buildIsCurrent()) log("warning: sources changed since the last `next build`; measuring the existing build");
  const db = await freshDatabase("tw_bench_pages", log);
  let web: ManagedChild | undefined;
  try {
    log(`seeding ${accounts} accounts into ${db.url.replace(/:[^:@/]+@/, ":***@")}`);
    const seeded = await seedPageFixtures(accounts, { log });
    log(
      `seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${seeded.snapshots} snapshots, ${seeded.controlResults} verdicts`,
    );
    const { token } = await createApiToken(
      { name: "bench:pages", role: "viewer" },
      { type: "system", id: "bench", name: "bench:pages" },
    );
    await disconnectDb();
    const server = await startServer(db);
    web = server.web;
    const results = [];
    for (const p of ["/matrix", "/", "/accounts"]) {
      results.push(await measure(server.base, p, token, runs));
      log(`measured ${p}`);
    }
    const matrix = results.find((r) => r.path === "/matrix")!;
    const overview = results.find((r) => r.path === "/")!;
    const checks = [
      { what: "/matrix median", value: `${matrix.medianMs} ms`, ok: matrix.medianMs <= TARGET_MS },
      { what: "/ median", value: `${overview.medianMs} ms`, ok: overview.medianMs <= TARGET_MS },
      {
        what: "/matrix HTML",
        value: `${(matrix.htmlBytes / 1024).toFixed(0)} KB`,
        ok: matrix.htmlBytes < TARGET_HTML_BYTES,
      },
    ];
    console.log(
      `\nPage benchmark: ${accounts} accounts, ${runs} requests per page after 3 warm-up requests (full response, sequential)\n`,
    );
    console.log("path       median   p90      min      median TTFB   HTML");
    for (const r of results) {
      console.log(
        `${r.path.padEnd(10)} ${`${r.medianMs} ms`.padEnd(8)} ${`${r.p90Ms} ms`.padEnd(8)} ${`${r.minMs} ms`.padEnd(8)} ${`${r.medianTtfbMs} ms`.padEnd(13)} ${(r.htmlBytes / 1024).toFixed(0)} KB`,
      );
    }
    console.log("");
    for (const c of checks)
      console.log(
        `${c.ok ? "PASS" : "FAIL"}  ${c.what}: ${c.value} (target ${c.what.includes("HTML") ? "< 1.5 MB" : `≤ ${TARGET_MS} ms`})`,
      );
    console.log(
      JSON.stringify({
        accounts,
        runs,
        results,
        targets: { ms: TARGET_MS, htmlBytes: TARGET_HTML_BYTES },
        pass: checks.every((c) => c.ok),
      }),
    );
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    await web?.stop();
    if (process.argv.includes("--keep")) log(`kept the database: ${db.url}`);
    else await db.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
