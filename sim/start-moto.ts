// Starts a moto server (the AWS emulator behind the demo and the integration tests) on a loopback
// port, in its own process group so stop() takes down every process moto forks, and makes sure
// nothing is left running when this process exits or is interrupted.
import { spawn, type ChildProcess } from "node:child_process";

import { ensureMotoInstalled } from "@/sim/ensure-moto-installed";
import { findFreePort, isPortFree } from "@/lib/runtime/port";
import { SimulatorError } from "@/sim/simulator-error";

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Stops the server and its process group; safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  port?: number;
  log?: (line: string) => void;
}

export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  const log = opts.log ?? (() => {});
  const executable = ensureMotoInstalled(log);

  if (opts.port !== undefined) {
    if (!(await isPortFree(HOST, opts.port))) {
      throw new SimulatorError(
        `Cannot start moto: port ${opts.port} on ${HOST} is already in use (choose another with --port)`,
      );
    }
    return launch(executable, opts.port, log);
  }
  // A free port can be taken by another process between the probe and moto's bind: retry then.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(executable, await findFreePort(HOST), log);
    } catch (err) {
      lastError = err;
      if (!(err instanceof PortTakenError)) throw err;
    }
  }
  throw new SimulatorError("Cannot start moto: every free port tried was taken before moto could bind it", {
    cause: lastError,
  });
}

class PortTakenError extends SimulatorError {}

async function launch(executable: string, port: number, log: (line: string) => void): Promise<MotoServer> {
  const child = spawn(executable, ["-H", HOST, "-p", String(port)], {
    // moto converts timestamps with the local zone; UTC keeps trail times correct.
    env: { ...process.env, TZ: "UTC" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = captureTail(child);
  const endpoint = `http://${HOST}:${port}`;
  const stop = registerCleanup(child);

  try {
    await waitUntilReady(endpoint, child, output);
  } catch (err) {
    await stop();
    if (/address already in use/i.test(output.join("\n"))) {
      throw new PortTakenError(`Cannot start moto: port ${port} on ${HOST} is already in use`);
    }
    throw err;
  }
  // The parent may exit without calling stop(): the exit hook below still kills the group.
  child.unref();
  log(`moto ${executable} listening on ${endpoint} (pid ${child.pid})`);
  return { endpoint, port, stop };
}

/** Keeps the last lines moto printed, for error messages; also drains the pipes so moto never blocks. */
function captureTail(child: ChildProcess): string[] {
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // Unref'd sockets let a test runner exit without waiting on moto's output.
  (child.stdout as { unref?: () => void } | null)?.unref?.();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return tail;
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new SimulatorError(
        `moto_server exited during start-up (code ${child.exitCode ?? child.signalCode}): ${output.slice(-5).join(" | ")}`,
      );
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new SimulatorError(
    `moto_server did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s: ${output.slice(-5).join(" | ")}`,
  );
}

/** Returns an idempotent stop() and hooks it to process exit, SIGINT and SIGTERM. */
function registerCleanup(child: ChildProcess): () => Promise<void> {
  const pid = child.pid;
  let stopping: Promise<void> | null = null;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const killGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal); // negative pid: the whole process group moto leads
    } catch {
      // Already gone.
    }
  };
  const onExit = () => killGroup("SIGKILL");
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup("SIGKILL");
    unhook();
    // If nobody else handles the signal, restore the default behaviour (terminate).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const unhook = () => {
    process.off("exit", onExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  return () => {
    stopping ??= (async () => {
      unhook();
      killGroup("SIGTERM");
      // A referenced timer keeps the event loop alive until moto has really gone.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), STOP_GRACE_MS)));
      const outcome = await Promise.race([exited.then(() => "exited" as const), grace]);
      clearTimeout(timer);
      if (outcome === "timeout") {
        killGroup("SIGKILL");
        await exited;
      }
    })();
    return stopping;
  };
}
