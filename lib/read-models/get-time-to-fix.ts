// Time to fix per control: for each control a remediation job found failing, from the first FAILED
// verdict of that failing streak (after the last PASSED before the job) to the first PASSED
// verdict after the job started. Summarized per control over the last `days` days.
import "server-only";
import { db } from "@/lib/db";
import { compareControlIds } from "@/lib/remediate/plan/steps/make-step";

export interface TimeToFix {
  controlId: string;
  fixes: number;
  /** Median and slowest, in milliseconds, from first failure to verified pass. */
  medianMs: number;
  maxMs: number;
  /** Median from the job's start to the verified pass (how fast remediation itself was). */
  medianRemediationMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function getTimeToFix(days = 90): Promise<TimeToFix[]> {
  const rows = await db.$queryRaw<
    { control_id: string; first_failed: Date | null; fixed_at: Date | null; started_at: Date }[]
  >`
    SELECT c.control_id, ff.first_failed, fx.fixed_at, j.started_at
    FROM remediation_jobs j
    CROSS JOIN LATERAL unnest(j.failing_before) AS c(control_id)
    LEFT JOIN LATERAL (
      SELECT max(collected_at) AS last_passed FROM control_results
      WHERE account_id = j.account_id AND control_id = c.control_id AND status = 'PASSED' AND collected_at < j.created_at
    ) lp ON true
    LEFT JOIN LATERAL (
      SELECT min(collected_at) AS first_failed FROM control_results
      WHERE account_id = j.account_id AND control_id = c.control_id AND status = 'FAILED'
        AND collected_at <= j.created_at AND collected_at > coalesce(lp.last_passed, '-infinity'::timestamp)
    ) ff ON true
    LEFT JOIN LATERAL (
      SELECT min(collected_at) AS fixed_at FROM control_results
      WHERE account_id = j.account_id AND control_id = c.control_id AND status = 'PASSED' AND collected_at >= j.started_at
    ) fx ON true
    WHERE j.mode = 'apply' AND j.started_at IS NOT NULL AND j.created_at > (now() AT TIME ZONE 'UTC') - make_interval(days => ${days}::int)`;
  const byControl = new Map<string, { total: number[]; remediation: number[] }>();
  for (const r of rows) {
    if (!r.fixed_at || !r.first_failed) continue;
    const e = byControl.get(r.control_id) ?? { total: [], remediation: [] };
    e.total.push(r.fixed_at.getTime() - r.first_failed.getTime());
    e.remediation.push(Math.max(0, r.fixed_at.getTime() - r.started_at.getTime()));
    byControl.set(r.control_id, e);
  }
  return [...byControl]
    .map(([controlId, e]) => ({
      controlId,
      fixes: e.total.length,
      medianMs: median(e.total),
      maxMs: Math.max(...e.total),
      medianRemediationMs: median(e.remediation),
    }))
    .sort((a, b) => compareControlIds(a.controlId, b.controlId));
}
