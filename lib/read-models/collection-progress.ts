// Collection runs as the pages and /api/v1/collections show them: the collector's progress read
// model (lib/read-models/get-collection-progress.ts) with times as ISO strings, plus a short list of
// recent runs.
import "server-only";
import { db } from "@/lib/db";
import {
  getCollectionProgress,
  getLatestCollectionRun,
  type CollectionProgress,
} from "@/lib/read-models/get-collection-progress";

export interface CollectionProgressView {
  runId: string;
  trigger: string;
  requestedBy: string | null;
  status: string;
  /** True while queued or running: the UI keeps polling. */
  active: boolean;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  apiCalls: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  problems: { accountId: string; name: string; status: string; error: string | null }[];
  running: string[];
}

export function isActiveRun(status: string): boolean {
  return status === "queued" || status === "running";
}

function toView(p: CollectionProgress): CollectionProgressView {
  return {
    runId: p.runId,
    trigger: p.trigger,
    requestedBy: p.requestedBy,
    status: p.status,
    active: isActiveRun(p.status),
    accountsTotal: p.accountsTotal,
    accountsDone: p.accountsDone,
    accountsFailed: p.accountsFailed,
    apiCalls: p.apiCalls,
    error: p.error,
    createdAt: p.createdAt.toISOString(),
    startedAt: p.startedAt?.toISOString() ?? null,
    finishedAt: p.finishedAt?.toISOString() ?? null,
    durationMs: p.durationMs,
    problems: p.problems,
    running: p.running,
  };
}

export async function getCollectionView(runId: string): Promise<CollectionProgressView | null> {
  const p = await getCollectionProgress(runId);
  return p ? toView(p) : null;
}

export async function getLatestCollectionView(): Promise<CollectionProgressView | null> {
  const p = await getLatestCollectionRun();
  return p ? toView(p) : null;
}

export interface CollectionRunSummary {
  runId: string;
  trigger: string;
  requestedBy: string | null;
  status: string;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export async function listCollectionRuns(limit = 20): Promise<CollectionRunSummary[]> {
  const runs = await db.collectionRun.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      trigger: true,
      requestedBy: true,
      status: true,
      accountsTotal: true,
      accountsDone: true,
      accountsFailed: true,
      error: true,
      createdAt: true,
      finishedAt: true,
      durationMs: true,
    },
  });
  return runs.map(({ id, createdAt, finishedAt, ...r }) => ({
    runId: id,
    ...r,
    createdAt: createdAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  }));
}
