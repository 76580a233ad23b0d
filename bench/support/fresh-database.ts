// A throw-away database for a benchmark: a new database on DATABASE_URL's server when it is set,
// otherwise an embedded PostgreSQL in a temporary data directory. stop() drops or removes it.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db";
import { ensureDatabase } from "@/lib/db/database";

export interface BenchDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function freshDatabase(prefix: string, log?: (line: string) => void): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`));
  chmodSync(dataDir, 0o755); // as root, the embedded server runs as `postgres`, which must reach it
  process.env.TRAILWARDEN_DATA_DIR = dataDir;
  if (base) {
    const name = `${prefix}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    process.env.DATABASE_URL = base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    resetEnvCache();
    await ensureDatabase({ log });
    return {
      url: process.env.DATABASE_URL,
      dataDir,
      stop: async () => {
        await disconnectDb();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  resetEnvCache();
  const handle = await ensureDatabase({ log });
  return {
    url: handle.url,
    dataDir,
    stop: async () => {
      await disconnectDb();
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
