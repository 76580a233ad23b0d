// Closes a run whose accounts are all done, whichever batch finished last: one statement that
// only succeeds while the run is "running" and no account of it is pending or running, so two
// batches finishing together close it once. Status: error when it failed entirely (every collected
// account failed, or nothing of what was asked exists), partial when some account failed or the
// coordinator left a note (discovery fallback, Security Hub), ok otherwise.
import "server-only";
import { db } from "@/lib/db";

export async function finishRunIfDone(runId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ status: string }[]>`
    WITH c AS (
      SELECT count(*) FILTER (WHERE status IN ('pending', 'running')) AS open,
             count(*) FILTER (WHERE status IN ('ok', 'partial', 'error')) AS collected,
             count(*) FILTER (WHERE status = 'error') AS failed,
             count(*) FILTER (WHERE status = 'partial') AS partial,
             count(*) AS total,
             COALESCE(sum(api_calls), 0) AS calls
        FROM collection_run_accounts WHERE run_id = ${runId}::uuid)
    UPDATE collection_runs r
       SET status = CASE
             WHEN (c.total = 0 AND cardinality(r.account_ids) > 0) OR (c.collected > 0 AND c.failed = c.collected) THEN 'error'
             WHEN c.failed + c.partial > 0 OR r.error IS NOT NULL THEN 'partial'
             ELSE 'ok' END,
           finished_at = now() AT TIME ZONE 'UTC',
           duration_ms = (extract(epoch FROM (now() AT TIME ZONE 'UTC') - COALESCE(r.started_at, r.created_at)) * 1000)::int,
           api_calls = GREATEST(r.api_calls, c.calls::int),
           accounts_total = c.total::int
      FROM c
     WHERE r.id = ${runId}::uuid AND r.status = 'running' AND c.open = 0
    RETURNING r.status`;
  return rows[0]?.status ?? null;
}
