// Job "watch-batch": the accounts of one batch of a watch round (lib/watch/run-watch-batch.ts).
// A worker killed mid-batch stops heartbeating; pg-boss then hands the batch to another worker,
// which checks its accounts again (reads only) and counts the batch once.
import { z } from "zod";
import { defineJob } from "@/lib/queue/job-definition";

export const WATCH_BATCH_JOB = "watch-batch";

export const watchBatchPayload = z.object({
  roundId: z.uuid(),
  index: z.number().int().nonnegative(),
  accountIds: z.array(z.string().regex(/^\d{12}$/)).max(5000),
});

export const watchBatchJob = defineJob({
  id: WATCH_BATCH_JOB,
  schema: watchBatchPayload,
  queue: {
    policy: "standard",
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 900,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 86_400,
  },
  handle: async (payload, { log }) => {
    const { runWatchBatch } = await import("@/lib/watch/run-watch-batch");
    const r = await runWatchBatch({ ...payload, log });
    log(
      `watch-batch ${payload.roundId}#${payload.index}: ${r.checked} checked, ${r.changed.length} changed, ${r.failed} failed, ${r.calls} calls`,
    );
  },
});
