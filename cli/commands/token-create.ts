// `trailwarden token create --role ROLE --name NAME [--expires DAYS|YYYY-MM-DD]`: creates an API
// token and prints it on the last line of output (scripts take `| tail -n 1`). The token is not
// stored and cannot be shown again. It expires after 90 days unless --expires says otherwise.
import { UsageError } from "@/cli/run-command";
import { ensureDatabase } from "@/lib/db/database";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createApiToken, createTokenInput } from "@/lib/auth/api-tokens";
import { parseTokenExpiry } from "@/lib/auth/token-expiry";
import { ValidationError } from "@/lib/errors";

export async function run(options: { role: string; name: string; expires?: string }): Promise<number> {
  let expiresInDays: number | undefined;
  try {
    expiresInDays = options.expires === undefined ? undefined : parseTokenExpiry(options.expires);
  } catch (err) {
    if (err instanceof ValidationError) throw new UsageError(err.message);
    throw err;
  }
  const parsed = createTokenInput.safeParse({ role: options.role, name: options.name, expiresInDays });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const handle = await ensureDatabase();
  try {
    const { token, summary } = await createApiToken(parsed.data, cliPrincipal());
    const expires = summary.expiresAt ? summary.expiresAt.toISOString().slice(0, 16).replace("T", " ") : "never";
    console.log(
      `Created API token ${summary.id} "${summary.name}" with role ${summary.role}, expiring ${expires} UTC.`,
    );
    console.log("Send it as `Authorization: Bearer <token>`. It is shown only now:");
    console.log(token);
    return 0;
  } finally {
    await handle.stop();
  }
}
