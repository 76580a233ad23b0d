// Appends an account's snapshot and records the account's outcome on its run in one SQL statement
// (atomic, one round trip, no client-side transaction), so the run's progress (accounts done /
// failed, calls so far) is readable while it goes and always agrees with the snapshots written.
// Snapshots are only ever inserted: an error snapshot sits after the last good one, which stays.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { addCallsSql } from "@/lib/collect/add-run-calls";
import type { SharedEvidence } from "@/lib/collect/call-recorder";
import type { AccountOutcome } from "@/lib/collect/collect-account";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";

/** What `onSnapshotStored` receives (the evaluator's input: it may re-read the row by id). */
export interface StoredSnapshot {
  id: string;
  runId: string | null;
  accountId: string;
  collectedAt: Date;
  status: AccountOutcome["status"];
  error: string | null;
  state: AccountSnapshotState;
}

/**
 * The snapshot's raw evidence: its own calls, plus each shared read's responses, inline the first
 * time in a run a snapshot relies on them, and afterwards as a reference to that snapshot (the
 * organization trail's log group alone is some 15 kB, a thousand members would repeat it).
 */
export function snapshotEvidence(o: Pick<AccountOutcome, "raw" | "shared">): {
  raw: Record<string, unknown>;
  inlined: SharedEvidence[];
} {
  const raw: Record<string, unknown> = { ...o.raw };
  const inlined: SharedEvidence[] = [];
  const references: { snapshotId: string; accountId: string; keys: string[] }[] = [];
  for (const e of o.shared) {
    const keys = Object.keys(e.raw);
    if (keys.length === 0) continue;
    if (e.storedIn) {
      const ref = references.find((r) => r.snapshotId === e.storedIn!.snapshotId);
      if (ref) ref.keys.push(...keys);
      else references.push({ ...e.storedIn, keys });
    } else {
      Object.assign(raw, e.raw);
      inlined.push(e);
    }
  }
  if (references.length > 0) raw["shared evidence"] = references;
  return { raw, inlined };
}

export async function storeSnapshot(
  runId: string | null,
  outcome: AccountOutcome,
  runApiCalls: number,
  /** Calls per operation not yet on the run (takeUnflushedByOp): added to the run's apiCallsByOp. */
  byOpDelta: Record<string, number> = {},
): Promise<StoredSnapshot> {
  const id = randomUUID();
  const o = outcome;
  const { raw, inlined } = snapshotEvidence(o);
  await db.$executeRaw`
    WITH s AS (
      INSERT INTO snapshots (id, run_id, account_id, collected_at, status, error, errors, state, raw, api_calls)
      VALUES (${id}::uuid, ${runId}::uuid, ${o.accountId}, ${o.collectedAt.toISOString()}::timestamp, ${o.status}, ${o.error},
              ${JSON.stringify(o.state.errors)}::jsonb, ${JSON.stringify(o.state)}::jsonb, ${JSON.stringify(raw)}::jsonb, ${o.apiCalls})
      RETURNING run_id),
    a AS (
      UPDATE collection_run_accounts
         SET status = ${o.status}, error = ${o.error}, api_calls = ${o.apiCalls}, finished_at = now() AT TIME ZONE 'UTC'
       WHERE run_id = (SELECT run_id FROM s) AND account_id = ${o.accountId}
      RETURNING 1)
    -- concurrent accounts finish in any order: count up, and never let the call total go back. The
    -- per-operation counts are summed from the row being updated (not a snapshot of it), so batches
    -- of several workers storing at once each add theirs.
    UPDATE collection_runs
       SET accounts_done = accounts_done + (SELECT count(*) FROM a),
           accounts_failed = accounts_failed + ${o.status === "error" ? 1 : 0} * (SELECT count(*) FROM a),
           ${addCallsSql(byOpDelta, runApiCalls)}
     WHERE id = (SELECT run_id FROM s)`;
  for (const e of inlined) e.storedIn ??= { snapshotId: id, accountId: o.accountId };
  return {
    id,
    runId,
    accountId: o.accountId,
    collectedAt: o.collectedAt,
    status: o.status,
    error: o.error,
    state: o.state,
  };
}
