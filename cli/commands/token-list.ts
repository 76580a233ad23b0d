// `trailwarden token list`: every API token with its state; never the secret (only a prefix).
import { ensureDatabase } from "@/lib/db/database";
import { listApiTokens, type ApiTokenSummary } from "@/lib/auth/api-tokens";

function state(token: ApiTokenSummary, now: Date): string {
  if (token.revokedAt) return `revoked ${token.revokedAt.toISOString()}`;
  if (token.expiresAt && token.expiresAt <= now) return `expired ${token.expiresAt.toISOString()}`;
  return "active";
}

export async function run(): Promise<number> {
  const handle = await ensureDatabase();
  try {
    const tokens = await listApiTokens();
    if (tokens.length === 0) {
      console.log("No API tokens. Create one with `trailwarden token create --role ROLE --name NAME`.");
      return 0;
    }
    const now = new Date();
    const rows = tokens.map((t) => [
      t.id,
      t.name,
      t.role,
      `${t.prefix}…`,
      t.createdAt.toISOString(),
      t.lastUsedAt?.toISOString() ?? "never",
      state(t, now),
    ]);
    const header = ["ID", "NAME", "ROLE", "PREFIX", "CREATED", "LAST USED", "STATE"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    for (const row of [header, ...rows])
      console.log(
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      );
    return 0;
  } finally {
    await handle.stop();
  }
}
