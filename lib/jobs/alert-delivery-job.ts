// Job "alert-deliver": one message to one destination (lib/alerts/deliver-alert.ts). Retried by
// pg-boss with exponential backoff (TRAILWARDEN_ALERT_RETRY_LIMIT retries, first after
// TRAILWARDEN_ALERT_RETRY_DELAY seconds); each attempt's error is on the delivery row, and the last
// marks it failed. Served eight at a time per worker, so one dead destination never holds up others;
// urgent messages (a trail stopped or deleted, a test) jump the queue ahead of control regressions,
// which come by the dozen when the organization trail stops.
import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/queue/job-definition";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";

export const ALERT_DELIVERY_JOB = "alert-deliver";

export const alertDeliveryPayload = z.object({ deliveryId: z.uuid() });

function retryPolicy() {
  const env = getEnv();
  return { retryLimit: env.TRAILWARDEN_ALERT_RETRY_LIMIT, retryDelay: env.TRAILWARDEN_ALERT_RETRY_DELAY };
}

export const alertDeliveryJob = defineJob({
  id: ALERT_DELIVERY_JOB,
  schema: alertDeliveryPayload,
  concurrency: 8,
  queue: {
    policy: "standard",
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 120,
    deleteAfterSeconds: 7 * 86_400,
  },
  handle: async (payload, { retryCount, log }) => {
    const { deliverAlert } = await import("@/lib/alerts/deliver-alert");
    const outcome = await deliverAlert(payload.deliveryId, retryCount >= retryPolicy().retryLimit);
    if (outcome === "retry") throw new Error(`delivery ${payload.deliveryId} failed; retrying`);
    log(`alert-deliver ${payload.deliveryId}: ${outcome}`);
  },
});

export async function enqueueDelivery(deliveryId: string, priority = 0): Promise<void> {
  const boss = await getBoss();
  await ensureQueue(boss, ALERT_DELIVERY_JOB, alertDeliveryJob.queue);
  await boss.send(
    ALERT_DELIVERY_JOB,
    { deliveryId },
    { ...retryPolicy(), retryBackoff: true, retryDelayMax: 900, priority },
  );
}
