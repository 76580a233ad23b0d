// Starts the production web server (lib/runtime/web-server.mjs: Next.js's handler behind a server
// that records each request's TCP peer), building first when no build exists or the sources are
// newer than the build, and waits until it answers HTTP.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { startChild, type ManagedChild } from "@/lib/runtime/child-process";
import { assertPortFree } from "@/lib/runtime/port";

const SOURCE_DIRS = ["app", "components", "lib", "prisma"];

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_DIRS.every((d) => newestMtime(path.join(root, d)) <= built);
}

export function buildWeb(env: NodeJS.ProcessEnv): void {
  console.log("Building the web app (next build); this takes a minute the first time...");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed (see the output above)");
}

export async function startWeb(options: { port: number; host: string; env: NodeJS.ProcessEnv }): Promise<ManagedChild> {
  await assertPortFree(options.port, options.host);
  if (!buildIsCurrent()) buildWeb(options.env);
  const web = startChild(
    process.execPath,
    ["lib/runtime/web-server.mjs", "--host", options.host, "--port", String(options.port)],
    { label: "web", env: { ...options.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(options.port) } },
  );
  const url = `http://${options.host}:${options.port}/api/health`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (web.child.exitCode !== null)
      throw new Error(`The web server exited with code ${web.child.exitCode} (see [web] lines above)`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return web;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await web.stop();
  throw new Error(`The web server did not answer on ${url} within 60 s`);
}
