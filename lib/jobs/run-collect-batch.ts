// Runs one "collect-batch" payload with the evaluation hook; shared by the batch job (any worker)
// and the run's coordinator, which works on its own run's batches too (collect-job.ts).
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import type { CollectBatchPayload } from "@/lib/jobs/collect-batch-job";

export async function runCollectBatch(
  payload: CollectBatchPayload,
  options: { log: (line: string) => void; onProgress?: () => Promise<void> },
): Promise<void> {
  const { collectBatch } = await import("@/lib/collect/collect-batch");
  const r = await collectBatch({
    ...payload,
    onSnapshotStored: await loadEvaluationHook(),
    onProgress: options.onProgress,
  });
  options.log(
    `collect-batch ${payload.runId}#${payload.index}: ${r.collected} collected, ${r.skipped} already done${r.runStatus ? `; run ${r.runStatus}` : ""}`,
  );
}
