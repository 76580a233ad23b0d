// Keeps two runs off the same account. Before collecting, a run claims its CollectionRunAccount
// row (pending → running) unless another run holds a fresh claim on that account. Check and claim
// run in one PL/pgSQL block under a per-account advisory lock: each statement there takes a new
// snapshot, so the check sees every claim committed before the lock was granted, and two workers
// on two machines cannot both see "free". One statement, no client-side transaction (those wait
// for a pooled connection and time out under load).
//
// Decision: a run that finds the account busy does not wait; it marks the account "skipped"
// (naming the run collecting it) and moves on, because the busy run is about to write a snapshot
// at least as fresh. Claims older than STALE_CLAIM_MINUTES are ignored: their worker died.
import "server-only";
import { db } from "@/lib/db";

export const STALE_CLAIM_MINUTES = 30;

export type ClaimResult = { claimed: true } | { claimed: false; heldByRunId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT = /^\d{12}$/;

export async function claimAccount(runId: string, accountId: string): Promise<ClaimResult> {
  // A DO block takes no bind parameters: both values are checked to be a UUID and 12 digits.
  if (!UUID.test(runId) || !ACCOUNT.test(accountId))
    throw new Error(`Invalid run or account id: ${runId} ${accountId}`);
  await db.$executeRawUnsafe(`
    DO $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('trailwarden:collect:${accountId}'));
      UPDATE collection_run_accounts
         SET status = 'running', started_at = now() AT TIME ZONE 'UTC'
       WHERE run_id = '${runId}'::uuid AND account_id = '${accountId}' AND status IN ('pending', 'running')
         AND NOT EXISTS (
           SELECT 1 FROM collection_run_accounts o
            WHERE o.account_id = '${accountId}' AND o.run_id <> '${runId}'::uuid AND o.status = 'running'
              AND o.started_at > (now() AT TIME ZONE 'UTC') - interval '${STALE_CLAIM_MINUTES} minutes');
    END $$`);
  const rows = await db.collectionRunAccount.findMany({
    where: { accountId, OR: [{ runId }, { status: "running" }] },
    select: { runId: true, status: true, startedAt: true },
    orderBy: { startedAt: "desc" },
  });
  if (rows.some((r) => r.runId === runId && r.status === "running")) return { claimed: true };
  return { claimed: false, heldByRunId: rows.find((r) => r.runId !== runId)?.runId ?? null };
}

/** Marks an account this run will not collect (busy elsewhere), counted as done for progress. */
export async function skipAccount(runId: string, accountId: string, reason: string): Promise<void> {
  await db.$executeRaw`
    WITH a AS (
      UPDATE collection_run_accounts SET status = 'skipped', error = ${reason}, finished_at = now() AT TIME ZONE 'UTC'
       WHERE run_id = ${runId}::uuid AND account_id = ${accountId} RETURNING 1)
    UPDATE collection_runs SET accounts_done = accounts_done + (SELECT count(*) FROM a) WHERE id = ${runId}::uuid`;
}
