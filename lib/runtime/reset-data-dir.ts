import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Empties TRAILWARDEN_DATA_DIR for --reset-data (tests and throw-away demos). Refuses anything
 * that does not look like a Trailwarden data directory, so a mistyped path cannot wipe a folder.
 */
export function resetDataDir(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  const ours = entries.every((e) => ["postgres", "README.txt", "auth-secret", "exports", "aws-endpoint"].includes(e));
  if (!ours) {
    throw Object.assign(
      new Error(
        `--reset-data refused: ${dir} holds files Trailwarden did not create (${entries.slice(0, 3).join(", ")})`,
      ),
      {
        name: "UsageError",
      },
    );
  }
  for (const e of entries) rmSync(path.join(dir, e), { recursive: true, force: true });
}
