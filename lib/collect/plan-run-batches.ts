// The coordinator's part of a collection run fanned out over workers (job "collect"): open the
// run, discover and scope it, ingest Security Hub's aggregated findings once (so every batch's
// evaluations see them), and split the accounts still to collect into batches. Notes (a discovery
// fallback, a Security Hub failure) are kept on the run's error column, where the run's finisher
// (finish-run.ts) finds them; a run with notes ends "partial".
import "server-only";
import { db } from "@/lib/db";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";
import { addRunCalls } from "@/lib/collect/add-run-calls";
import { takeUnflushedByOp } from "@/lib/collect/call-recorder";
import { ingestSecurityHub } from "@/lib/collect/ingest-securityhub";
import { openRun, scopeRun, TERMINAL, type OpenRunOptions } from "@/lib/collect/prepare-run";
import { RunContext, settingsFromEnv } from "@/lib/collect/run-context";
import { getEnv } from "@/lib/config/env";
import { derivedUuid, splitBatches, type PlannedBatch } from "@/lib/queue/split-batches";

export interface RunBatchPlan {
  runId: string;
  /** The run had already finished: nothing to do. */
  finished: boolean;
  organization: { id: string; managementAccountId: string } | null;
  batches: PlannedBatch[];
  total: number;
}

export async function planRunBatches(
  options: OpenRunOptions & { batchSize: number; clientOptions?: Partial<ClientFactoryOptions> },
): Promise<RunBatchPlan> {
  const run = await openRun(options);
  if (TERMINAL.has(run.status)) return { runId: run.id, finished: true, organization: null, batches: [], total: 0 };
  const ctx = new RunContext(settingsFromEnv(getEnv()), options.clientOptions);
  try {
    await ctx.init();
    const scope = await scopeRun(ctx, run);
    const notes = [...scope.notes];
    if (scope.pending.length > 0) {
      const sh = await ingestSecurityHub(ctx, run.accountIds.length > 0 ? scope.pending.map((a) => a.id) : null);
      if (sh.error) notes.push(sh.error);
    }
    if (notes.length > 0) await db.collectionRun.update({ where: { id: run.id }, data: { error: notes.join("\n") } });
    // Discovery and Security Hub's reads are the run's calls too (before any batch can close it).
    await addRunCalls(run.id, takeUnflushedByOp(ctx.stats));
    // Batch ids derive from the run: a coordinator retried after its worker died sends the same batches.
    const batches = splitBatches(
      run.id,
      scope.pending.map((a) => a.id),
      options.batchSize,
    ).map((b) => ({ ...b, id: derivedUuid(`collect:${run.id}:${b.index}`) }));
    return { runId: run.id, finished: false, organization: ctx.organization, batches, total: scope.total };
  } finally {
    ctx.destroy();
  }
}
