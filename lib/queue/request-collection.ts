// Asks for a collection run now ("Collect now", the API, remediation's re-collect): creates the
// CollectionRun row (status "queued", so pages show it at once) and enqueues job "collect" whose
// id is the run's id. Coalescing: a request while an equivalent run is still queued returns that
// run instead of queueing another (a queued run over every account covers any request). A run
// already running is not joined: the new run starts after, and accounts the running one still
// holds are skipped there (see lib/collect/claim-account.ts). Lives beside the queue, below the job
// runner, so the watch and the routes that ask for a run never import lib/jobs.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { COLLECT_JOB, COLLECT_QUEUE_POLICY } from "@/lib/queue/collect-queue";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";

export const collectionRequest = z.object({
  trigger: z.enum(["manual", "api", "cli", "remediation", "schedule", "seed", "watch"]),
  requestedBy: z.string().max(200).nullish(),
  accountIds: z
    .array(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"))
    .max(10_000)
    .optional(),
});
export type CollectionRequest = z.input<typeof collectionRequest>;

export interface RequestedCollection {
  runId: string;
  /** true when an equivalent queued run was returned instead of a new one. */
  coalesced: boolean;
}

function sameScope(queued: string[], wanted: string[]): boolean {
  if (queued.length === 0) return true; // every account
  if (wanted.length === 0) return false;
  const q = new Set(queued);
  return wanted.every((id) => q.has(id));
}

export async function requestCollection(input: CollectionRequest): Promise<RequestedCollection> {
  const req = collectionRequest.parse(input);
  const accountIds = [...new Set(req.accountIds ?? [])].sort();
  const { runId, coalesced } = await db.$transaction(async (tx) => {
    // Serializes concurrent requests so two clicks cannot both create a run.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('trailwarden:request-collection'))`;
    const queued = await tx.collectionRun.findMany({
      where: { status: "queued" },
      select: { id: true, accountIds: true },
      orderBy: { createdAt: "asc" },
    });
    const match = queued.find((r) => sameScope(r.accountIds, accountIds));
    if (match) return { runId: match.id, coalesced: true };
    const run = await tx.collectionRun.create({
      data: { trigger: req.trigger, requestedBy: req.requestedBy ?? null, accountIds, status: "queued" },
      select: { id: true },
    });
    return { runId: run.id, coalesced: false };
  });
  const boss = await getBoss();
  await ensureQueue(boss, COLLECT_JOB, COLLECT_QUEUE_POLICY);
  // The job id is the run id: sending again (a coalesced request) never enqueues a second job.
  await boss.send(
    COLLECT_JOB,
    { runId, trigger: req.trigger, requestedBy: req.requestedBy ?? null, accountIds },
    { id: runId },
  );
  return { runId, coalesced };
}
