// Which accounts' coverage rows no longer reflect their snapshots, and how to bring each up to
// date. Snapshots are append-only, so new ones after the last build allow an incremental rebuild
// from the UTC midnight before the previous last good snapshot; anything else (a new rule version,
// snapshots inserted or removed before the build's horizon, no build yet) needs a full one.
import "server-only";
import { db } from "@/lib/db";
import { COVERAGE_RULE_VERSION } from "@/lib/coverage/build-intervals";
import type { RebuildMode } from "@/lib/coverage/rebuild-account";
import { DAY_SECONDS } from "@/lib/coverage/rollup-days";

export interface StaleAccount {
  accountId: string;
  mode: RebuildMode;
}

interface Row {
  account_id: string;
  snapshot_count: number;
  count_before: number;
  built_count: number | null;
  rule_version: number | null;
  last_good_at: Date | null;
}

export async function findStaleAccounts(accountIds: string[] | null = null): Promise<StaleAccount[]> {
  const filter = accountIds ?? [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.account_id, count(*)::int AS snapshot_count,
           count(*) FILTER (WHERE s.collected_at <= b.evidence_to)::int AS count_before,
           b.snapshot_count AS built_count, b.rule_version, b.last_good_at
    FROM snapshots s LEFT JOIN coverage_builds b ON b.account_id = s.account_id
    WHERE ${accountIds === null} OR s.account_id = ANY(${filter}::text[])
    GROUP BY s.account_id, b.snapshot_count, b.rule_version, b.last_good_at, b.evidence_to
    ORDER BY s.account_id`;
  const stale: StaleAccount[] = [];
  for (const r of rows) {
    if (r.built_count === r.snapshot_count && r.rule_version === COVERAGE_RULE_VERSION) continue;
    const appendedOnly =
      r.built_count !== null &&
      r.rule_version === COVERAGE_RULE_VERSION &&
      r.count_before === r.built_count &&
      r.last_good_at !== null;
    if (appendedOnly) {
      const lastGood = Math.floor(r.last_good_at!.getTime() / 1000);
      stale.push({
        accountId: r.account_id,
        mode: { kind: "from", cut: Math.floor(lastGood / DAY_SECONDS) * DAY_SECONDS },
      });
    } else {
      stale.push({ accountId: r.account_id, mode: { kind: "full" } });
    }
  }
  return stale;
}
