// The "collect" queue: its name, payload and policy, below the job runner (lib/jobs/collect-job.ts
// registers the handler and the schedule), so that whatever asks for a collection (the API, the
// watch, remediation) sends to the queue without importing the runner that imports it back.
import { z } from "zod";
import type { JobQueuePolicy } from "@/lib/queue/job-definition";

export const COLLECT_JOB = "collect";

export const collectPayload = z.object({
  runId: z.uuid().optional(),
  trigger: z.enum(["schedule", "manual", "api", "cli", "remediation", "seed", "watch"]).default("schedule"),
  requestedBy: z.string().max(200).nullish(),
  accountIds: z
    .array(z.string().regex(/^\d{12}$/))
    .max(10_000)
    .optional(),
});
export type CollectPayload = z.input<typeof collectPayload>;

export const COLLECT_QUEUE_POLICY: JobQueuePolicy = {
  policy: "standard",
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  // A run of a few thousand accounts takes minutes; a dead worker is noticed by its heartbeat.
  expireInSeconds: 4 * 3600,
  heartbeatSeconds: 60,
  deleteAfterSeconds: 7 * 86_400,
};
