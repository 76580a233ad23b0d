// Job "collect-batch": the accounts of one batch of a collection run (lib/collect/collect-batch.ts),
// on whichever worker takes it, so several `trailwarden worker` processes share one run. A worker
// killed mid-batch stops sending heartbeats; pg-boss then offers the batch again and another
// worker resumes it (accounts already stored are not collected or counted again). Batches of one
// run hold disjoint accounts, and claimAccount keeps other runs off them: an account is in one
// running batch at a time, so its per-account-and-region rate limits hold.
import { z } from "zod";
import { defineJob } from "@/lib/queue/job-definition";

export const COLLECT_BATCH_JOB = "collect-batch";

export const collectBatchPayload = z.object({
  runId: z.uuid(),
  index: z.number().int().nonnegative(),
  accountIds: z.array(z.string().regex(/^\d{12}$/)).max(10_000),
  organization: z.object({ id: z.string(), managementAccountId: z.string().regex(/^\d{12}$/) }).nullable(),
});
export type CollectBatchPayload = z.infer<typeof collectBatchPayload>;

export const collectBatchJob = defineJob({
  id: COLLECT_BATCH_JOB,
  schema: collectBatchPayload,
  queue: {
    policy: "standard",
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 3600,
    heartbeatSeconds: 10,
    deleteAfterSeconds: 7 * 86_400,
  },
  handle: async (payload, { log }) => {
    const { runCollectBatch } = await import("@/lib/jobs/run-collect-batch");
    await runCollectBatch(payload, { log });
  },
});
