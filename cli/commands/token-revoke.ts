// `trailwarden token revoke <id>`: revokes an API token at once (the next request with it gets 401).
import { UsageError } from "@/cli/run-command";
import { ensureDatabase } from "@/lib/db/database";
import { NotFoundError } from "@/lib/errors";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export async function run(options: { id: string }): Promise<number> {
  const handle = await ensureDatabase();
  try {
    const token = await revokeApiToken(options.id, cliPrincipal());
    console.log(`Revoked API token ${token.id} "${token.name}" (${token.role}) at ${token.revokedAt?.toISOString()}.`);
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError) throw new UsageError(`${err.message}; see \`trailwarden token list\``);
    throw err;
  } finally {
    await handle.stop();
  }
}
