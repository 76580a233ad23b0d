// Reads the remediation settings for a plan: Setting rows `remediation.<field>` (edited on the
// settings page) under the TRAILWARDEN_REMEDIATION_* environment variables.
import "server-only";
import { db } from "@/lib/db";
import { parseRemediationSettings, type RemediationSettings } from "@/lib/remediate/remediation-settings";

const PREFIX = "remediation.";

export async function loadRemediationSettings(env: NodeJS.ProcessEnv = process.env): Promise<RemediationSettings> {
  const rows = await db.setting.findMany({
    where: { key: { startsWith: PREFIX } },
    select: { key: true, value: true },
  });
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key.slice(PREFIX.length)] = row.value;
  return parseRemediationSettings(stored, env);
}
