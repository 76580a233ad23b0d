// The "alert-deliver" queue: its name, payload, policy and the send, below the job runner
// (lib/jobs/alert-delivery-job.ts registers the handler), so lib/alerts queues a message without
// importing the runner that imports it back. Retried by pg-boss with exponential backoff
// (TRAILWARDEN_ALERT_RETRY_LIMIT retries, the first after TRAILWARDEN_ALERT_RETRY_DELAY seconds, at
// most 15 minutes apart); the priority puts urgent messages ahead of the routine ones.
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import type { JobQueuePolicy } from "@/lib/queue/job-definition";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";

export const ALERT_DELIVERY_JOB = "alert-deliver";

export const alertDeliveryPayload = z.object({ deliveryId: z.uuid() });

export const ALERT_DELIVERY_QUEUE_POLICY: JobQueuePolicy = {
  policy: "standard",
  retryBackoff: true,
  retryDelayMax: 900,
  expireInSeconds: 120,
  deleteAfterSeconds: 7 * 86_400,
};

/** The retries of one delivery, from the environment (read at send time: settings may change). */
export function alertRetryPolicy(): { retryLimit: number; retryDelay: number } {
  const env = getEnv();
  return { retryLimit: env.TRAILWARDEN_ALERT_RETRY_LIMIT, retryDelay: env.TRAILWARDEN_ALERT_RETRY_DELAY };
}

export async function enqueueDelivery(deliveryId: string, priority = 0): Promise<void> {
  const boss = await getBoss();
  await ensureQueue(boss, ALERT_DELIVERY_JOB, ALERT_DELIVERY_QUEUE_POLICY);
  await boss.send(ALERT_DELIVERY_JOB, { deliveryId } satisfies z.infer<typeof alertDeliveryPayload>, {
    ...alertRetryPolicy(),
    retryBackoff: true,
    retryDelayMax: 900,
    priority,
  });
}
