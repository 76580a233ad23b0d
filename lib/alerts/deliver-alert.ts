// Sends one AlertDelivery to its destination and records the outcome. A failure is recorded on the
// row (attempts, error) and rethrown so pg-boss retries it with backoff; on the last attempt the
// row is marked failed for good. A destination deleted or disabled since fails at once, unretried.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/config/env";
import type { AlertPayload } from "@/lib/alerts/alert-payload";
import { DeliveryError } from "@/lib/alerts/delivery-error";
import { ENV_DESTINATION_ID, type DestinationType } from "@/lib/alerts/destination-types";
import { sendEmail } from "@/lib/alerts/send-email";
import { sendSlack } from "@/lib/alerts/send-slack";
import { sendSns } from "@/lib/alerts/send-sns";
import { sendWebhook } from "@/lib/alerts/send-webhook";
import { z } from "zod";
import { readAlertPayload, readSmtpConfig } from "@/lib/alerts/alert-json";
import { readJsonColumn } from "@/lib/db/json/read-json-column";

interface Target {
  /** The destination's row (ENV_DESTINATION_ID for the environment's webhook). */
  id: string;
  type: DestinationType;
  config: Record<string, unknown>;
  secret: string | null;
}

async function targetOf(destinationId: string): Promise<Target | null> {
  if (destinationId === ENV_DESTINATION_ID) {
    const env = getEnv();
    if (!env.TRAILWARDEN_ALERT_WEBHOOK_URL) return null;
    return {
      id: ENV_DESTINATION_ID,
      type: "webhook",
      config: { url: env.TRAILWARDEN_ALERT_WEBHOOK_URL },
      secret: env.TRAILWARDEN_ALERT_WEBHOOK_SECRET ?? null,
    };
  }
  const d = await db.alertDestination.findUnique({ where: { id: destinationId } });
  if (!d?.enabled) return null;
  const config = readJsonColumn(z.record(z.string(), z.unknown()), d.config, {
    table: "alert_destinations",
    column: "config",
    rowId: d.id,
  });
  return { id: d.id, type: d.type as DestinationType, config, secret: d.secret };
}

export async function send(target: Target, payload: AlertPayload): Promise<void> {
  switch (target.type) {
    case "webhook":
      return sendWebhook(String(target.config.url), target.secret, payload);
    case "slack":
      return sendSlack(target.secret ?? "", payload);
    case "email":
      return sendEmail(readSmtpConfig(target), target.secret, payload);
    case "sns":
      return sendSns(String(target.config.topicArn), payload);
  }
}

export type DeliveryOutcome = "delivered" | "retry" | "failed" | "gone";

/** `lastAttempt`: no retry follows a failure of this attempt. */
export async function deliverAlert(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
  const d = await db.alertDelivery.findUnique({ where: { id: deliveryId } });
  if (!d) return "gone";
  if (d.status !== "pending") return d.status === "delivered" ? "delivered" : "failed";
  const target = await targetOf(d.destinationId);
  if (!target) {
    await db.alertDelivery.update({
      where: { id: d.id },
      data: { status: "failed", error: "The destination was deleted or disabled before delivery" },
    });
    return "failed";
  }
  try {
    await send(target, readAlertPayload(d));
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : `Unexpected error: ${(err as Error).message}`;
    await db.alertDelivery.update({
      where: { id: d.id },
      data: { attempts: { increment: 1 }, error: reason, ...(lastAttempt ? { status: "failed" } : {}) },
    });
    return lastAttempt ? "failed" : "retry";
  }
  await db.alertDelivery.update({
    where: { id: d.id },
    data: { attempts: { increment: 1 }, status: "delivered", deliveredAt: new Date(), error: null },
  });
  return "delivered";
}
