// `trailwarden demo`: the simulated AWS organization (moto), the embedded PostgreSQL, the demo
// users, a first collection, the background worker and the web app, all stopped by one Ctrl-C.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "@/cli/run-command";
import { dataDir, getEnv, resetEnvCache } from "@/lib/config/env";
import { ensureDatabase } from "@/lib/db/database";
import { onShutdown } from "@/lib/runtime/child-process";
import { assertPortFree } from "@/lib/runtime/port";
import { resetDataDir } from "@/lib/runtime/reset-data-dir";
import { startServices } from "@/lib/runtime/start-services";
import { startWeb } from "@/lib/runtime/start-web";
import { runCollection } from "@/lib/collect/run-collection";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { seedDemoData } from "@/sim/seed-demo-data";
import { seedDemoRecord } from "@/sim/seed-demo-record";
import { startSimulator } from "@/sim/start-simulator";

export async function run(options: { port?: string; resetData?: boolean }): Promise<number> {
  const env = getEnv();
  const port = Number(options.port ?? env.TRAILWARDEN_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port must be a TCP port number, got "${options.port}"`);
  await assertPortFree(port, env.TRAILWARDEN_HOST);
  if (options.resetData) resetDataDir(dataDir(env));

  const stack: (() => Promise<void>)[] = [];
  // Set once stopping begins: work still running in the background (the record being seeded)
  // then fails because moto is gone, which is the stop, not a fault.
  let stopping = false;
  // Once only: a signal stops the web server, whose exit then asks for the same stop. A second pass
  // over the stack would stop PostgreSQL while the worker still uses it.
  let stopped: Promise<void> | undefined;
  const stopAll = () =>
    (stopped ??= (async () => {
      stopping = true;
      for (const stop of [...stack].reverse()) await stop().catch((err) => console.error(err));
      stack.length = 0;
    })());
  onShutdown(stopAll);
  try {
    console.log("Starting the simulated AWS organization (moto)...");
    const moto = await startSimulator({ log: (l) => console.log(`[moto] ${l}`) });
    stack.push(() => moto.stop());
    mkdirSync(dataDir(env), { recursive: true });
    // Where the simulated AWS answers, for scripts and end-to-end tests that act in it (e.g. StopLogging).
    writeFileSync(path.join(dataDir(env), "aws-endpoint"), `${moto.endpoint}\n`);
    const database = await ensureDatabase({ log: (l) => console.log(l), stopsOnSignal: true });
    stack.push(() => database.stop());

    const manifest = await seedDemoData(moto.endpoint, {
      seedEndpoint: moto.motoEndpoint,
      log: (l) => console.log(l),
    });
    // Alarms need a subscribed topic to pass CloudWatch.x; the demo subscribes a placeholder address.
    process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL ??= "security-alerts@example.com";
    resetEnvCache();

    // A first collection before the web app opens, so the pages show the organization at once.
    console.log("Collecting the simulated organization...");
    const first = await runCollection({
      trigger: "demo",
      requestedBy: "demo",
      onSnapshotStored: await loadEvaluationHook(),
    });
    console.log(
      `First collection ${first.status}: ${first.counts.ok} ok, ${first.counts.partial} partial, ${first.counts.error} failed, in ${(first.durationMs / 1000).toFixed(1)} s`,
    );

    process.env.TRAILWARDEN_SEED_DEMO_USERS = "1";
    const services = await startServices({ worker: true });
    stack.push(() => services.stop());
    // The first collection ran here, not as a worker job, so nothing asked for the coverage rollups
    // the Reports page reads; the worker builds them now, as it does after each of its own runs.
    const { enqueueCoverageRefresh } = await import("@/lib/jobs/coverage-refresh-job");
    await enqueueCoverageRefresh();
    process.env.TRAILWARDEN_PUBLIC_URL ??= `http://${env.TRAILWARDEN_HOST}:${port}`;
    const web = await startWeb({ port, host: env.TRAILWARDEN_HOST, env: process.env });
    stack.push(() => web.stop());

    // A year of CloudTrail's own record (signed digests, log files), written while the app runs:
    // start-up stays as fast as before; an evidence read is queued when the record is in place.
    void seedDemoRecord(moto.motoEndpoint, moto.endpoint, manifest, { log: (l) => console.log(`[record] ${l}`) })
      .then(async ({ digests, logFiles }) => {
        console.log(`[record] ${digests} digests and ${logFiles} log files delivered; reading them`);
        const { requestEvidenceRead } = await import("@/lib/jobs/request-evidence-read");
        await requestEvidenceRead({ reason: "demo record" });
      })
      .catch((err: unknown) => {
        if (stopping) console.log("[record] stopped seeding the delivered record: the demo is shutting down");
        else console.error(`[record] seeding the delivered record failed: ${err instanceof Error ? err.message : err}`);
      });

    console.log(`\nTrailwarden demo is running at http://${env.TRAILWARDEN_HOST}:${port}`);
    console.log(`Simulated organization: ${manifest.accounts.length} accounts; AWS API emulator at ${moto.endpoint}`);
    console.log(
      "Sign in as admin@trailwarden.local / demo-admin-pass (README lists every demo user). Ctrl-C stops everything.",
    );
    const code = await web.exited;
    console.error(`The web server exited (code ${code}); stopping.`);
    await stopAll();
    return code ?? 1;
  } catch (err) {
    await stopAll();
    throw err;
  }
}
