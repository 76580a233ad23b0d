// The account's recent collections: each run's outcome for this account, with the errors its
// snapshot recorded (which call failed, in which account and Region, and why).
import "server-only";
import { db } from "@/lib/db";
import type { CollectionError } from "@/lib/collect/snapshot-types";
import { readSnapshotErrors } from "@/lib/collect/snapshot-json";
import { StoredJsonError } from "@/lib/db/json/read-json-column";

export interface AccountCollection {
  at: string;
  runId: string | null;
  trigger: string | null;
  status: string;
  error: string | null;
  apiCalls: number;
  errors: CollectionError[];
}

/** The snapshot's failed calls; a stored list that does not parse is itself listed, naming the row. */
function errorsOf(row: { id: string; errors: unknown }): CollectionError[] {
  try {
    return readSnapshotErrors(row);
  } catch (err) {
    if (!(err instanceof StoredJsonError)) throw err;
    return [{ service: "trailwarden", operation: "ReadSnapshot", kind: "other", code: err.code, message: err.message }];
  }
}

export async function getAccountHistory(accountId: string, limit = 15): Promise<AccountCollection[]> {
  const [runs, snapshots] = await Promise.all([
    db.collectionRunAccount.findMany({
      where: { accountId },
      orderBy: { run: { createdAt: "desc" } },
      take: limit,
      select: {
        runId: true,
        status: true,
        error: true,
        apiCalls: true,
        startedAt: true,
        finishedAt: true,
        run: { select: { trigger: true, createdAt: true } },
      },
    }),
    db.snapshot.findMany({
      where: { accountId },
      orderBy: { collectedAt: "desc" },
      take: limit,
      select: { id: true, runId: true, collectedAt: true, status: true, error: true, errors: true, apiCalls: true },
    }),
  ]);
  const errorsByRun = new Map(snapshots.filter((s) => s.runId).map((s) => [s.runId!, s]));
  const out: AccountCollection[] = runs.map((r) => {
    const snap = errorsByRun.get(r.runId);
    return {
      at: (r.finishedAt ?? r.startedAt ?? r.run.createdAt).toISOString(),
      runId: r.runId,
      trigger: r.run.trigger,
      status: r.status,
      error: r.error ?? snap?.error ?? null,
      apiCalls: r.apiCalls,
      errors: snap ? errorsOf(snap) : [],
    };
  });
  // Snapshots written outside a run (imports, seeds) still belong in the history.
  for (const s of snapshots) {
    if (s.runId && runs.some((r) => r.runId === s.runId)) continue;
    out.push({
      at: s.collectedAt.toISOString(),
      runId: s.runId,
      trigger: null,
      status: s.status,
      error: s.error,
      apiCalls: s.apiCalls,
      errors: errorsOf(s),
    });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
