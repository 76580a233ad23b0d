// Recomputes coverage rollups and gaps from snapshots. Called by the report builder and the CLI
// before exporting (only stale accounts, incrementally where possible), and available to a
// scheduled job after each collection. Idempotent: each account is rewritten in one transaction.
import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { findStaleAccounts } from "@/lib/coverage/find-stale-accounts";
import { rebuildAccount, type RebuildMode } from "@/lib/coverage/rebuild-account";
import { DAY_SECONDS } from "@/lib/coverage/rollup-days";

export interface RebuildCoverageOptions {
  /** Only these accounts (default: every account with snapshots). */
  accountIds?: string[];
  /**
   * Recompute from the UTC day of this instant onward, keeping the rows before it (use after
   * snapshots from that day on were added). Without it, every selected account is rebuilt in full.
   */
  from?: Date;
  /** Only accounts whose rows are out of date, each the cheapest safe way (ignores `from`). */
  onlyStale?: boolean;
  concurrency?: number;
}

export interface RebuildCoverageResult {
  accounts: number;
  full: number;
  incremental: number;
  durationMs: number;
}

export async function rebuildCoverage(options: RebuildCoverageOptions = {}): Promise<RebuildCoverageResult> {
  const started = performance.now();
  const ids = options.accountIds?.length ? options.accountIds : null;
  let work: { accountId: string; mode: RebuildMode }[];
  if (options.onlyStale) {
    work = await findStaleAccounts(ids);
  } else {
    const accounts = await db.snapshot.findMany({
      where: ids ? { accountId: { in: ids } } : {},
      distinct: ["accountId"],
      select: { accountId: true },
      orderBy: { accountId: "asc" },
    });
    const mode: RebuildMode = options.from
      ? { kind: "from", cut: Math.floor(options.from.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS }
      : { kind: "full" };
    work = accounts.map((a) => ({ accountId: a.accountId, mode }));
  }
  const limit = pLimit(options.concurrency ?? 4);
  const modes = await Promise.all(work.map((w) => limit(() => rebuildAccount(w.accountId, w.mode))));
  return {
    accounts: work.length,
    full: modes.filter((m) => m === "full").length,
    incremental: modes.filter((m) => m === "incremental").length,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Brings stale accounts up to date; what the report builder and the CLI call before exporting. */
export function refreshCoverage(accountIds?: string[]): Promise<RebuildCoverageResult> {
  return rebuildCoverage({ accountIds, onlyStale: true });
}
