// The key that signs session cookies. TRAILWARDEN_AUTH_SECRET wins; without it (development, the
// demo) one is generated once and kept in the data directory, readable by this user only, so that
// sessions survive restarts. The value is never logged.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, getEnv } from "@/lib/config/env";

const FILE_NAME = "auth-secret";

export function authSecretFile(): string {
  return path.join(dataDir(), FILE_NAME);
}

function readSecret(file: string): string | null {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export function resolveAuthSecret(): string {
  const fromEnv = getEnv().TRAILWARDEN_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = authSecretFile();
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": if another process created it first, use theirs rather than overwrite it.
    writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const winner = readSecret(file);
    if (winner) return winner;
    throw new Error(
      `${file} exists but holds no usable secret (at least 32 characters); remove it or set TRAILWARDEN_AUTH_SECRET`,
    );
  }
  chmodSync(file, 0o600); // the umask may have widened the mode given to writeFileSync
  return secret;
}
