// A batch of a collection run whose job failed for good (its retries exhausted, whether it threw
// each time or its worker died each time): its accounts still open in the run are closed as
// failed, with the reason, and the run is closed if nothing else is open. Without this the run
// would wait "running" for accounts nobody will collect. The run ends "partial" (or "error" when
// every account failed) with the note on its error column, where the Collections page and
// GET /api/v1/collections/{id} show it.
import "server-only";
import { db } from "@/lib/db";
import { finishRunIfDone } from "@/lib/collect/finish-run";

export interface FailedBatch {
  index: number;
  accountIds: string[];
  attempts: number;
  reason: string;
}

/**
 * Closes the batch's open accounts and notes the failure on the run once (a batch can also fail
 * after storing every account, in evaluation: the run then ends partial, not ok). Safe to repeat.
 */
export async function failBatch(
  runId: string,
  batch: FailedBatch,
): Promise<{ closed: number; runStatus: string | null }> {
  const note = `Batch ${batch.index + 1} failed after ${batch.attempts} attempt(s): ${batch.reason}`;
  const closed = await db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE collection_run_accounts
         SET status = 'error', error = ${note}, finished_at = now() AT TIME ZONE 'UTC'
       WHERE run_id = ${runId}::uuid AND account_id = ANY(${batch.accountIds}::text[])
         AND status IN ('pending', 'running')`;
    await tx.$executeRaw`
      UPDATE collection_runs
         SET accounts_done = accounts_done + ${n}, accounts_failed = accounts_failed + ${n},
             error = concat_ws(E'\n', error, ${note}::text)
       WHERE id = ${runId}::uuid AND status = 'running' AND position(${note}::text IN COALESCE(error, '')) = 0`;
    return n;
  });
  return { closed, runStatus: await finishRunIfDone(runId) };
}
