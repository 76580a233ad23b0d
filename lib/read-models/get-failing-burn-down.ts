// Failing controls over time (the managers' burn-down): for each UTC day, the FAILED verdicts of
// every account's latest snapshot as of the end of that day (its newest evaluation), beside the
// remediation jobs that finished applying that day: succeeded, and applied with an action left to a
// person ("needs-attention": the work was done); failed and cancelled jobs fixed nothing for sure.
// Read from ControlResult history only.
import "server-only";
import { db } from "@/lib/db";

export interface BurnDownPoint {
  day: string;
  failing: number;
  accountsFailing: number;
  remediations: number;
}

export async function getFailingBurnDown(days = 30): Promise<BurnDownPoint[]> {
  const span = Math.max(1, Math.min(days, 400)) - 1;
  const rows = await db.$queryRaw<{ day: Date; failing: number; accounts_failing: number; remediations: number }[]>`
    WITH days AS (
      SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => ${span}::int),
                             date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS day
    ),
    latest AS (
      SELECT d.day, s.id AS snapshot_id, s.account_id
      FROM days d
      JOIN LATERAL (
        SELECT DISTINCT ON (account_id) account_id, id FROM snapshots
        WHERE collected_at < d.day + interval '1 day' AND status <> 'error'
        ORDER BY account_id, collected_at DESC
      ) s ON true
    ),
    failing AS (
      SELECT l.day, count(*)::int AS failing, count(DISTINCT l.account_id)::int AS accounts_failing
      FROM latest l
      JOIN LATERAL (
        SELECT DISTINCT ON (control_id) status FROM control_results
        WHERE snapshot_id = l.snapshot_id ORDER BY control_id, evaluated_at DESC
      ) cr ON cr.status = 'FAILED'
      GROUP BY l.day
    ),
    fixes AS (
      SELECT date_trunc('day', finished_at) AS day, count(*)::int AS remediations
      FROM remediation_jobs
      WHERE mode = 'apply' AND finished_at IS NOT NULL AND status IN ('succeeded', 'needs-attention')
      GROUP BY 1
    )
    SELECT d.day, coalesce(f.failing, 0) AS failing, coalesce(f.accounts_failing, 0) AS accounts_failing, coalesce(x.remediations, 0) AS remediations
    FROM days d LEFT JOIN failing f ON f.day = d.day LEFT JOIN fixes x ON x.day = d.day
    ORDER BY d.day`;
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    failing: r.failing,
    accountsFailing: r.accounts_failing,
    remediations: r.remediations,
  }));
}
