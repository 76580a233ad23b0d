// Children started by `serve` and `demo` run in their own process groups so that stopping one
// stops everything it started (Next.js forks workers), and none outlive the launcher.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface ManagedChild {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

export function startChild(command: string, args: string[], options: SpawnOptions & { label: string }): ManagedChild {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: options.stdio ?? ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${options.label}] `;
  child.stdout?.on("data", (b: Buffer) => process.stdout.write(prefixLines(b.toString(), prefix)));
  child.stderr?.on("data", (b: Buffer) => process.stderr.write(prefixLines(b.toString(), prefix)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  return {
    child,
    exited,
    stop(timeoutMs = 8000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.pid === undefined) return;
        killGroup(child.pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(child.pid!, "SIGKILL"), timeoutMs);
        await exited;
        clearTimeout(timer);
        killGroup(child.pid, "SIGKILL"); // anything the child left in its group
      })();
      return stopping;
    },
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function prefixLines(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

/** Runs `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits. */
export function onShutdown(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = (signal: NodeJS.Signals) => {
    if (done) return;
    done = true;
    console.log(`\nReceived ${signal}: stopping everything this command started...`);
    cleanup()
      .catch((err) => console.error("Error during shutdown:", err))
      .finally(() => process.exit(0));
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, handler);
}
