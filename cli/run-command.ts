// Loads a command module, prepares the database, runs it, and turns known errors into one clear
// line on stderr (never a stack trace for configuration or connection problems).
import { ConfigError } from "@/lib/config/env";

export interface CommandModule<O> {
  /** Returns the process exit code. */
  run(options: O): Promise<number>;
}

const USER_ERRORS = new Set([
  "ConfigError",
  "DatabaseError",
  "MigrationError",
  "UsageError",
  "PortInUseError",
  "SimulatorError",
]);

export class UsageError extends Error {
  override name = "UsageError";
}

export async function runCommand<O>(load: () => Promise<CommandModule<O>>, options: O): Promise<void> {
  let code = 1;
  try {
    const mod = await load();
    code = await mod.run(options);
  } catch (err) {
    const e = err as Error;
    if (err instanceof ConfigError || USER_ERRORS.has(e?.name)) {
      console.error(`trailwarden: ${e.message}`);
    } else {
      console.error("trailwarden: unexpected error:", err);
    }
    code = 1;
  }
  // Close pools and servers the command left open, then exit with its code.
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb().catch(() => undefined);
  process.exit(code);
}
