// Starts the real parts the integration tests run against: an embedded PostgreSQL in a temporary
// data directory (with a migrated template database that each test file clones) and the
// simulated AWS (moto behind the simulator's proxy). Both are stopped when the run ends.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "@/lib/db/database";
import { startSimulator } from "@/sim/start-simulator";

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "trailwarden-it-"));
  // mkdtemp makes 0700 folders; as root, the embedded PostgreSQL runs as `postgres` and must reach it.
  chmodSync(dataDir, 0o755);
  process.env.TRAILWARDEN_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const database = await ensureDatabase();
  const moto = await startSimulator();

  const env = {
    TRAILWARDEN_TEST_DATABASE_URL: database.url,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "2",
    TRAILWARDEN_DATA_DIR: dataDir,
    // Workers started by tests send no watch rounds unless a test asks (watch-alerts.test.ts).
    TRAILWARDEN_WATCH_INTERVAL: "0",
  };
  Object.assign(process.env, env);
  delete process.env.DATABASE_URL;
  project.provide("testEnv", env);

  return async () => {
    await moto.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}
