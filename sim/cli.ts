// npx tsx sim/cli.ts [--port N] [--bulk N] [--no-org-trail] [--manifest FILE]
// Starts moto, seeds the demo organization (or a bulk one), prints the endpoint and the accounts,
// and keeps moto up until Ctrl-C. --manifest writes the seeded manifest as JSON for other tools.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { formatBulkAccounts, formatDemoAccounts } from "@/sim/format-accounts";
import { seedBulkOrganization } from "@/sim/seed-bulk";
import { seedOrganization } from "@/sim/seed-organization";
import { SimulatorError } from "@/sim/simulator-error";
import { startSimulator, type Simulator } from "@/sim/start-simulator";

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SimulatorError(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      bulk: { type: "string" },
      "no-org-trail": { type: "boolean", default: false },
      manifest: { type: "string" },
    },
  });
  const port = positiveInt("port", values.port);
  const bulk = positiveInt("bulk", values.bulk);
  const log = (line: string) => console.error(`[sim] ${line}`);

  const moto: Simulator = await startSimulator({ port, log });
  // moto's process is unref'd so tests can exit; this timer keeps the command in the foreground.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const shutdown = async () => {
    clearInterval(keepAlive);
    await moto.stop();
    console.error("[sim] moto stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());

  try {
    const organizationTrail = !values["no-org-trail"];
    const started = Date.now();
    const manifest = bulk
      ? await seedBulkOrganization(moto.endpoint, bulk, { organizationTrail, log })
      : await seedOrganization(moto.endpoint, { organizationTrail, log });
    console.log("timings" in manifest ? formatBulkAccounts(manifest) : formatDemoAccounts(manifest));
    console.log(`\nseeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (values.manifest) {
      writeFileSync(values.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`manifest written to ${values.manifest}`);
    }
    console.log(`\nAWS_ENDPOINT_URL=${moto.endpoint}  (region us-east-1, access key "testing")\nPress Ctrl-C to stop.`);
  } catch (err) {
    clearInterval(keepAlive);
    await moto.stop();
    throw err;
  }
}

main().catch((err: unknown) => {
  // A SimulatorError's message is the whole story; anything else keeps its stack for debugging.
  console.error(err instanceof SimulatorError ? `error: ${err.message}` : err);
  process.exit(1);
});
