// `trailwarden token create --role ROLE --name NAME`: creates an API token and prints it on the
// last line of output (scripts take `| tail -n 1`). The token is not stored and cannot be shown again.
import { UsageError } from "@/cli/run-command";
import { ensureDatabase } from "@/lib/db/database";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createApiToken, createTokenInput } from "@/lib/auth/api-tokens";

export async function run(options: { role: string; name: string }): Promise<number> {
  const parsed = createTokenInput.safeParse({ role: options.role, name: options.name });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const handle = await ensureDatabase();
  try {
    const { token, summary } = await createApiToken(parsed.data, cliPrincipal());
    console.log(`Created API token ${summary.id} "${summary.name}" with role ${summary.role}.`);
    console.log("Send it as `Authorization: Bearer <token>`. It is shown only now:");
    console.log(token);
    return 0;
  } finally {
    await handle.stop();
  }
}
