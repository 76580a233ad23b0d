// One account's posture over time: for each evaluated snapshot in the last year, how many controls
// passed, failed or errored (from Trailwarden's verdict history).
import "server-only";
import { db } from "@/lib/db";

export interface TimelinePoint {
  at: string;
  passed: number;
  failed: number;
  errors: number;
  other: number;
}

export async function getAccountTimeline(accountId: string): Promise<TimelinePoint[]> {
  // The (account_id, control_id, collected_at) index serves this; evaluator re-runs are folded
  // per snapshot by keeping each control's newest evaluation.
  const rows = await db.$queryRaw<{ at: Date; passed: bigint; failed: bigint; errors: bigint; other: bigint }[]>`
    SELECT collected_at AS at,
           count(*) FILTER (WHERE status = 'PASSED') AS passed,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           count(*) FILTER (WHERE status = 'ERROR') AS errors,
           count(*) FILTER (WHERE status NOT IN ('PASSED', 'FAILED', 'ERROR')) AS other
    FROM (
      SELECT DISTINCT ON (snapshot_id, control_id) snapshot_id, collected_at, status
      FROM control_results
      WHERE account_id = ${accountId} AND collected_at >= now() - interval '400 days'
      ORDER BY snapshot_id, control_id, evaluated_at DESC) v
    GROUP BY snapshot_id, collected_at
    ORDER BY collected_at`;
  return rows.map((r) => ({
    at: r.at.toISOString(),
    passed: Number(r.passed),
    failed: Number(r.failed),
    errors: Number(r.errors),
    other: Number(r.other),
  }));
}
