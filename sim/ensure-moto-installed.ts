// Finds the `moto_server` executable, installing `moto[server]` with pip only when it is missing.
// Every machine image ships moto 5.2.1; the install path is for fresh machines that reach PyPI.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";

import { SimulatorError } from "@/sim/simulator-error";

const EXECUTABLE = "moto_server";

/** Returns the absolute path of `moto_server` on PATH, or null. */
export function findMotoServer(envPath = process.env.PATH ?? ""): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, EXECUTABLE);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: keep looking.
    }
  }
  return null;
}

/** The directories pip puts console scripts in (system and --user), which may not be on PATH. */
function pipScriptDirs(): string {
  const probe = spawnSync(
    "python3",
    [
      "-c",
      "import os, sysconfig; print(os.pathsep.join([sysconfig.get_path('scripts'), sysconfig.get_path('scripts', os.name + '_user')]))",
    ],
    { encoding: "utf8" },
  );
  return probe.status === 0 ? probe.stdout.trim() : "";
}

export function ensureMotoInstalled(log: (line: string) => void = () => {}): string {
  const found = findMotoServer();
  if (found) return found;

  log("moto_server is not on PATH; installing moto[server] with pip (one-time)");
  const install = spawnSync("python3", ["-m", "pip", "install", "--quiet", "moto[server]"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (install.error || install.status !== 0) {
    const detail = install.error ? install.error.message : install.stderr.trim().split("\n").slice(-3).join(" ");
    throw new SimulatorError(
      `moto_server is not installed and \`python3 -m pip install 'moto[server]'\` failed: ${detail || `exit code ${install.status}`}`,
    );
  }

  // pip may have installed into a scripts directory that is not on PATH (a --user fallback).
  const afterInstall = findMotoServer() ?? findMotoServer(pipScriptDirs());
  if (!afterInstall) {
    throw new SimulatorError(
      "moto[server] was installed with pip but `moto_server` is still not on PATH; add pip's scripts directory to PATH",
    );
  }
  return afterInstall;
}
