// Recomputes one account's coverage rows from its snapshots, in one transaction under a per-account
// advisory lock (a scheduled rebuild and a CLI export may race; the result is the same either way).
// "full" rewrites everything; a cut (UTC midnight) rewrites days from the cut and the gaps running
// through or after it, reading only the snapshots from the last good one at or before the cut.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  buildIntervals,
  COVERAGE_RULE_VERSION,
  type CoverageEvidenceState,
  type EvidenceSnapshot,
} from "@/lib/coverage/build-intervals";
import type { Segment, StoredGap } from "@/lib/coverage/coverage-types";
import { clipSegments } from "@/lib/coverage/merge-segments";
import { DAY_SECONDS, dayString, extractGaps, rollupDays } from "@/lib/coverage/rollup-days";
import { spliceAtCut } from "@/lib/coverage/splice-timeline";
import { insertDays, insertGaps, upsertBuild } from "@/lib/coverage/write-coverage-rows";
import { readBuild, readGapsThrough } from "@/lib/coverage/read-coverage-rows";

type Tx = Prisma.TransactionClient;

// Any constant: the namespace of coverage's advisory locks.
const LOCK_NAMESPACE = 7_260_311;
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

export type RebuildMode = { kind: "full" } | { kind: "from"; cut: number };

async function loadSnapshots(tx: Tx, accountId: string, since: Date | null): Promise<EvidenceSnapshot[]> {
  // Only the parts coverage reads: real snapshots also carry buckets, log groups and alarms.
  const rows = await tx.$queryRaw<{ collected_at: Date; status: string; state: CoverageEvidenceState | null }[]>`
    SELECT collected_at, status,
           CASE WHEN status = 'error' THEN NULL ELSE jsonb_build_object('accountId', state->'accountId', 'regions', state->'regions',
             'trails', state->'trails', 'unreadTrails', state->'unreadTrails') END AS state
    FROM snapshots
    WHERE account_id = ${accountId} AND collected_at >= ${since ?? new Date(0)}
    ORDER BY collected_at`;
  return rows.map((r) => ({ collectedAt: r.collected_at, status: r.status, state: r.state }));
}

async function rebuildFull(tx: Tx, accountId: string): Promise<void> {
  const built = buildIntervals(await loadSnapshots(tx, accountId, null));
  await tx.$executeRaw`DELETE FROM coverage_days WHERE account_id = ${accountId}`;
  await tx.$executeRaw`DELETE FROM coverage_gaps WHERE account_id = ${accountId}`;
  const days = [];
  const gaps = [];
  for (const [region, segments] of built.timelines) {
    days.push(...rollupDays(region, segments));
    gaps.push(...extractGaps(region, segments));
  }
  await insertDays(tx, accountId, days);
  await insertGaps(tx, accountId, gaps);
  await upsertBuild(tx, { accountId, ruleVersion: COVERAGE_RULE_VERSION, ...built });
}

/** Returns false when the stored rows do not line up with the snapshots (the caller goes full). */
async function rebuildFrom(tx: Tx, accountId: string, requestedCut: number): Promise<boolean> {
  const previous = await readBuild(tx, accountId);
  if (
    !previous ||
    previous.ruleVersion !== COVERAGE_RULE_VERSION ||
    previous.firstGoodAt === null ||
    previous.lastGoodAt === null
  )
    return false;
  // Rows after the previous build's last good snapshot were judged without the newer snapshots:
  // never keep them, whatever cut was asked for.
  const cut = Math.min(requestedCut, Math.floor(previous.lastGoodAt / DAY_SECONDS) * DAY_SECONDS);
  const [anchor] = await tx.$queryRaw<{ at: Date }[]>`
    SELECT collected_at AS at FROM snapshots
    WHERE account_id = ${accountId} AND status <> 'error' AND collected_at <= ${new Date(cut * 1000)}
    ORDER BY collected_at DESC LIMIT 1`;
  if (!anchor || sec(anchor.at) < previous.firstGoodAt) return false;

  const built = buildIntervals(await loadSnapshots(tx, accountId, anchor.at), { knownRegions: previous.regions });
  const through = new Map((await readGapsThrough(tx, accountId, cut)).map((g) => [g.region, g]));
  const days = [];
  const gaps: StoredGap[] = [];
  const joined: StoredGap[] = [];
  for (const [region, timeline] of built.timelines) {
    const fromCut: Segment[] = clipSegments(timeline, cut, Infinity);
    const unclippedStart = timeline.find((s) => s.end > cut)?.start ?? null;
    const spliced = spliceAtCut(through.get(region), fromCut, cut, unclippedStart);
    if (!spliced) return false;
    if (spliced.joined) joined.push(spliced.joined);
    days.push(...rollupDays(region, fromCut));
    gaps.push(...extractGaps(region, spliced.segments));
  }
  await tx.$executeRaw`DELETE FROM coverage_days WHERE account_id = ${accountId} AND day >= ${dayString(cut)}::date`;
  await tx.$executeRaw`DELETE FROM coverage_gaps WHERE account_id = ${accountId} AND end_at > ${new Date(cut * 1000)}`;
  for (const g of joined) {
    await tx.$executeRaw`DELETE FROM coverage_gaps WHERE account_id = ${accountId} AND region = ${g.region} AND start_at = ${new Date(g.start * 1000)}`;
  }
  await insertDays(tx, accountId, days);
  await insertGaps(tx, accountId, gaps);
  const [counted] = await tx.$queryRaw<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM snapshots WHERE account_id = ${accountId}`;
  await upsertBuild(tx, {
    accountId,
    ruleVersion: COVERAGE_RULE_VERSION,
    snapshotCount: counted?.count ?? 0,
    firstGoodAt: previous.firstGoodAt,
    lastGoodAt: built.lastGoodAt,
    evidenceTo: built.evidenceTo,
    regions: { ...previous.regions, ...built.regions },
  });
  return true;
}

/** Rebuilds one account; returns the mode actually used. */
export async function rebuildAccount(accountId: string, mode: RebuildMode): Promise<"full" | "incremental"> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${accountId}))`;
      if (mode.kind === "from" && (await rebuildFrom(tx, accountId, mode.cut))) return "incremental";
      await rebuildFull(tx, accountId);
      return "full";
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
