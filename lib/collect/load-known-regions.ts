// Loads each account's last DescribeRegions answer younger than REGIONS_MAX_AGE_MS from its latest
// snapshots, for collect-regions.ts to reuse. One query for the whole run.
import "server-only";
import { db } from "@/lib/db";
import type { RunContext } from "@/lib/collect/run-context";
import type { RegionState } from "@/lib/collect/snapshot-types";

export const REGIONS_MAX_AGE_MS = 24 * 3600_000;

export async function loadKnownRegions(ctx: RunContext, accountIds: string[], now = new Date()): Promise<number> {
  if (ctx.configuredRegions || accountIds.length === 0) return 0;
  const rows = await db.$queryRawUnsafe<{ account_id: string; read_at: string; regions: RegionState[] }[]>(
    `SELECT DISTINCT ON (account_id) account_id, state->>'regionsReadAt' AS read_at, state->'regions' AS regions
       FROM snapshots
      WHERE account_id = ANY($1::text[]) AND collected_at > $2::timestamp AND state ? 'regionsReadAt'
      ORDER BY account_id, collected_at DESC`,
    accountIds,
    new Date(now.getTime() - REGIONS_MAX_AGE_MS).toISOString(),
  );
  let loaded = 0;
  for (const r of rows) {
    const fresh = now.getTime() - new Date(r.read_at).getTime() < REGIONS_MAX_AGE_MS;
    const usable =
      Array.isArray(r.regions) &&
      r.regions.length > 0 &&
      r.regions.every((x) => x.status === "enabled" || x.status === "disabled");
    if (fresh && usable) {
      ctx.knownRegions.set(r.account_id, { regions: r.regions, readAt: r.read_at });
      loaded += 1;
    }
  }
  return loaded;
}
