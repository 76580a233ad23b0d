// Which snapshot's verdicts are "current" for each account. The newest evaluated snapshot gives the
// verdicts; the newest snapshot of any kind tells whether a later collection failed before it
// could be evaluated, in which case those verdicts must be shown as stale ERROR, never as current.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CollectionStatus } from "@/lib/views/matrix-types";

export interface LatestSnapshotRow {
  accountId: string;
  /** Newest snapshot (any status). */
  latestId: string | null;
  latestStatus: CollectionStatus | null;
  latestError: string | null;
  latestAt: Date | null;
  /** Newest snapshot that has verdicts. */
  evaluatedId: string | null;
  evaluatedAt: Date | null;
}

interface Raw {
  account_id: string;
  latest_id: string | null;
  latest_status: CollectionStatus | null;
  latest_error: string | null;
  latest_at: Date | null;
  evaluated_id: string | null;
  evaluated_at: Date | null;
}

function toRow(r: Raw): LatestSnapshotRow {
  return {
    accountId: r.account_id,
    latestId: r.latest_id,
    latestStatus: r.latest_status,
    latestError: r.latest_error,
    latestAt: r.latest_at,
    evaluatedId: r.evaluated_id,
    evaluatedAt: r.evaluated_at,
  };
}

/**
 * For each account row `a`: its newest snapshot (`ls`) and its newest evaluated snapshot (`es`).
 * LATERAL + LIMIT 1 walks the (account_id, collected_at DESC) index once per account, which stays
 * fast however much history is kept. Shared by every query that needs "the current snapshot".
 */
export const LATEST_SNAPSHOT_JOINS = Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT s.id, s.status, s.error, s.collected_at FROM snapshots s
      WHERE s.account_id = a.id ORDER BY s.collected_at DESC LIMIT 1) ls ON true
    LEFT JOIN LATERAL (
      SELECT s.id, s.collected_at FROM snapshots s
      WHERE s.account_id = a.id AND EXISTS (SELECT 1 FROM control_results cr WHERE cr.snapshot_id = s.id)
      ORDER BY s.collected_at DESC LIMIT 1) es ON true`;

/** For the given accounts (all accounts still in the organization when omitted). */
export async function latestSnapshots(accountIds?: string[]): Promise<LatestSnapshotRow[]> {
  const which = accountIds ? Prisma.sql`a.id = ANY(${accountIds}::varchar[])` : Prisma.sql`a.removed_at IS NULL`;
  const rows = await db.$queryRaw<Raw[]>`
    SELECT a.id AS account_id, ls.id AS latest_id, ls.status AS latest_status, ls.error AS latest_error,
           ls.collected_at AS latest_at, es.id AS evaluated_id, es.collected_at AS evaluated_at
    FROM aws_accounts a
    ${LATEST_SNAPSHOT_JOINS}
    WHERE ${which}`;
  return rows.map(toRow);
}

/**
 * True when the verdicts on show predate a collection that failed outright: every cell is then an
 * ERROR showing its old verdict as stale.
 */
export function verdictsAreStale(row: Pick<LatestSnapshotRow, "latestId" | "latestStatus" | "evaluatedId">): boolean {
  return row.latestStatus === "error" && row.latestId !== null && row.latestId !== row.evaluatedId;
}
