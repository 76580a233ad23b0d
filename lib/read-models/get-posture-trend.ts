// Posture over the last twelve months from our own verdict history (Security Hub keeps 90 days):
// per day, the share of applicable verdicts that passed, and how many failed. Aggregating a year
// of verdicts reads every row of that year, so the result is memoized per process until a newer
// verdict arrives (and for at most ten minutes).
import "server-only";
import { db } from "@/lib/db";
import { memoByKey } from "@/lib/read-models/memo-by-key";

export interface TrendPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Share of applicable verdicts (not NOT_APPLICABLE) that PASSED, 0–1. */
  passingShare: number;
  passed: number;
  failed: number;
  /** Accounts with at least one verdict that day. */
  accounts: number;
}

interface Row {
  day: string;
  passed: bigint;
  failed: bigint;
  applicable: bigint;
  accounts: bigint;
}

async function compute(): Promise<TrendPoint[]> {
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL jit = off`,
    db.$queryRaw<Row[]>`
      SELECT to_char(date_trunc('day', collected_at), 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE status = 'PASSED') AS passed,
             count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) FILTER (WHERE status <> 'NOT_APPLICABLE') AS applicable,
             count(DISTINCT account_id) AS accounts
      FROM control_results
      WHERE collected_at >= now() - interval '365 days'
      GROUP BY 1 ORDER BY 1`,
  ]);
  return rows.map((r) => ({
    day: r.day,
    passingShare: Number(r.applicable) ? Number(r.passed) / Number(r.applicable) : 0,
    passed: Number(r.passed),
    failed: Number(r.failed),
    accounts: Number(r.accounts),
  }));
}

async function newestVerdict(): Promise<string> {
  const [row] = await db.$queryRaw<{ newest: Date | null }[]>`SELECT max(collected_at) AS newest FROM control_results`;
  return row?.newest?.toISOString() ?? "none";
}

export const getPostureTrend = memoByKey(10 * 60_000, newestVerdict, compute);
