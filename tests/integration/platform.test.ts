// The platform's promises: migrations apply once and are recorded the way Prisma records them,
// the audit log refuses changes, and the embedded PostgreSQL keeps data across restarts and
// survives a stale lock file.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { useFreshDatabase } from "./support/test-database";

describe("migrations", () => {
  let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
  beforeAll(async () => {
    fresh = await useFreshDatabase();
  });
  afterAll(async () => fresh.drop());

  it("records every migration in _prisma_migrations and re-running applies nothing", async () => {
    const again = await migrate(fresh.url);
    expect(again.applied).toEqual([]);
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].migration_name).toBe("20261121000000_init");
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it("refuses to change or delete audit events", async () => {
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    await client.query(`INSERT INTO audit_events (actor_type, action) VALUES ('system', 'test.event')`);
    await expect(client.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    const { rows } = await client.query(`SELECT action FROM audit_events`);
    await client.end();
    expect(rows).toEqual([{ action: "test.event" }]);
  });
});

describe("embedded PostgreSQL", () => {
  const cli = path.resolve("bin/trailwarden.mjs");
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "tw-embedded-"));
    chmodSync(dir, 0o755); // reachable by the `postgres` user the embedded server runs as
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runCli = (args: string[], extraEnv: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TRAILWARDEN_DATA_DIR: dir };
    delete env.DATABASE_URL; // the embedded default, unless the case sets one
    Object.assign(env, extraEnv);
    return execFileSync(process.execPath, [cli, ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
  };

  it("initialises once, keeps data across restarts and removes a stale lock", () => {
    expect(runCli(["migrate"])).toContain("Applied migrations");
    const second = runCli(["migrate"]);
    expect(second).not.toContain("Initialising");
    expect(second).not.toContain("Applied migrations");
    // A lock left by a killed server: a pid that is not running.
    const lock = path.join(dir, "postgres", "postmaster.pid");
    writeFileSync(lock, `999999\n${path.join(dir, "postgres")}\n0\n54329\n\n127.0.0.1\n`);
    expect(runCli(["migrate"])).toContain("Database is up to date");
    expect(() => readFileSync(lock)).toThrow(); // the server stopped cleanly and removed its lock
  });

  it("names the problem when DATABASE_URL is unreachable", () => {
    let message = "";
    try {
      runCli(["migrate"], { DATABASE_URL: "postgresql://nobody:x@127.0.0.1:1/none" });
    } catch (err) {
      message = String((err as { stderr?: string }).stderr);
    }
    expect(message).toMatch(/Cannot connect to the database at DATABASE_URL \(127\.0\.0\.1:1\/none\)/);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("names the problem when the data directory is not writable", () => {
    // Root ignores permission bits, so make the directory impossible: its parent is a file.
    const blocker = path.join(dir, "a-file");
    writeFileSync(blocker, "");
    const bad = path.join(blocker, "data");
    let message = "";
    try {
      runCli(["migrate"], { TRAILWARDEN_DATA_DIR: bad });
    } catch (err) {
      message = String((err as { stderr?: string }).stderr);
    }
    expect(message).toContain(`data directory ${bad} (TRAILWARDEN_DATA_DIR) is not writable`);
  });

  it("names the bad variable when configuration is invalid", () => {
    let message = "";
    try {
      runCli(["migrate"], { TRAILWARDEN_DISCOVERY: "everything" });
    } catch (err) {
      message = String((err as { stderr?: string }).stderr);
    }
    expect(message).toMatch(/TRAILWARDEN_DISCOVERY/);
  });
});
