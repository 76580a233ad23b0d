// Gives each integration test file its own database, cloned from the migrated one the global
// setup created, so files never see each other's rows (and the append-only audit table never
// needs truncating).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/config/env";

export function applyTestEnv(): Record<string, string> {
  const env = inject("testEnv");
  Object.assign(process.env, env);
  resetEnvCache();
  return env;
}

/** Creates a fresh database, points DATABASE_URL (and lib/db) at it, and returns a drop function. */
export async function useFreshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const env = applyTestEnv();
  const templateUrl = env.TRAILWARDEN_TEST_DATABASE_URL;
  if (!templateUrl)
    throw new Error("TRAILWARDEN_TEST_DATABASE_URL is missing: run through `vitest --project integration`");
  const name = `tw_test_${randomBytes(4).toString("hex")}`;
  const template = new URL(templateUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = templateUrl.replace(/\/[^/]+$/, `/${name}`);
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return {
    url,
    drop: async () => {
      await disconnectDb();
      const c = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, "/postgres") });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
