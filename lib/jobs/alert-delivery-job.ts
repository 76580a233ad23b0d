// Job "alert-deliver": one message to one destination (lib/alerts/deliver-alert.ts). Sent by
// lib/queue/alert-delivery-queue.ts, which also holds the queue's retry policy; each attempt's
// error is on the delivery row, and the last marks it failed. Served eight at a time per worker, so
// one dead destination never holds up others; urgent messages (a trail stopped or deleted, a test)
// jump the queue ahead of control regressions, which come by the dozen when the organization trail stops.
import { defineJob } from "@/lib/queue/job-definition";
import {
  ALERT_DELIVERY_JOB,
  ALERT_DELIVERY_QUEUE_POLICY,
  alertDeliveryPayload,
  alertRetryPolicy,
} from "@/lib/queue/alert-delivery-queue";

export const alertDeliveryJob = defineJob({
  id: ALERT_DELIVERY_JOB,
  schema: alertDeliveryPayload,
  concurrency: 8,
  queue: ALERT_DELIVERY_QUEUE_POLICY,
  handle: async (payload, { retryCount, log }) => {
    const { deliverAlert } = await import("@/lib/alerts/deliver-alert");
    const outcome = await deliverAlert(payload.deliveryId, retryCount >= alertRetryPolicy().retryLimit);
    if (outcome === "retry") throw new Error(`delivery ${payload.deliveryId} failed; retrying`);
    log(`alert-deliver ${payload.deliveryId}: ${outcome}`);
  },
});
