// The read model of a collection run for pages, the API and the CLI: totals while it runs
// (accounts done / total, failures so far) and per-account outcomes once it is over.
import "server-only";
import { db } from "@/lib/db";

export interface CollectionProgress {
  runId: string;
  trigger: string;
  requestedBy: string | null;
  status: string; // queued | running | ok | partial | error
  accountIds: string[];
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  apiCalls: number;
  apiCallsByOp: Record<string, number>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Accounts not ok so far: errors, partial reads, skips (busy in another run). */
  problems: { accountId: string; name: string; status: string; error: string | null }[];
  /** Accounts being collected right now. */
  running: string[];
}

const MAX_PROBLEMS = 200;

export async function getCollectionProgress(runId: string): Promise<CollectionProgress | null> {
  const run = await db.collectionRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  const [problems, running] = await Promise.all([
    db.collectionRunAccount.findMany({
      where: { runId, status: { in: ["error", "partial", "skipped"] } },
      select: { accountId: true, status: true, error: true, account: { select: { name: true } } },
      orderBy: [{ status: "asc" }, { accountId: "asc" }],
      take: MAX_PROBLEMS,
    }),
    db.collectionRunAccount.findMany({
      where: { runId, status: "running" },
      select: { accountId: true },
      take: MAX_PROBLEMS,
    }),
  ]);
  return {
    runId: run.id,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    status: run.status,
    accountIds: run.accountIds,
    accountsTotal: run.accountsTotal,
    accountsDone: run.accountsDone,
    accountsFailed: run.accountsFailed,
    apiCalls: run.apiCalls,
    apiCallsByOp: (run.apiCallsByOp ?? {}) as Record<string, number>,
    error: run.error,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    problems: problems.map((p) => ({ accountId: p.accountId, name: p.account.name, status: p.status, error: p.error })),
    running: running.map((r) => r.accountId),
  };
}

/** The most recent run (optionally only unfinished ones: queued or running). */
export async function getLatestCollectionRun(
  options: { activeOnly?: boolean } = {},
): Promise<CollectionProgress | null> {
  const run = await db.collectionRun.findFirst({
    where: options.activeOnly ? { status: { in: ["queued", "running"] } } : undefined,
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return run ? getCollectionProgress(run.id) : null;
}
