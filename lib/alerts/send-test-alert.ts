// "Send test": queues a sample message (marked `test: true`) to one destination through the same
// delivery job as real alerts, so the delivery list shows whether the destination works. Audited.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Principal } from "@/lib/roles";
import { publicUrl, type AlertPayload } from "@/lib/alerts/alert-payload";
import { ENV_DESTINATION_ID } from "@/lib/alerts/destination-types";
import { queueDeliveries } from "@/lib/alerts/queue-deliveries";
import { getEnv } from "@/lib/config/env";

export async function sendTestAlert(
  destinationId: string,
  actor: Principal,
  request: { headers: Headers } | null = null,
): Promise<{ deliveryId: string }> {
  const name =
    destinationId === ENV_DESTINATION_ID
      ? getEnv().TRAILWARDEN_ALERT_WEBHOOK_URL && "Webhook (environment)"
      : (await db.alertDestination.findUnique({ where: { id: destinationId }, select: { name: true } }))?.name;
  if (!name) throw new NotFoundError(`No alert destination ${destinationId}`);
  const id = randomUUID();
  const payload: AlertPayload = {
    id,
    rule: "test",
    status: "firing",
    accountId: "000000000000",
    accountName: "test",
    controlId: null,
    trailArn: null,
    summary: `Test message from Trailwarden, sent by ${actor.name}`,
    detectedAt: new Date().toISOString(),
    actor: null,
    url: `${publicUrl()}/alerts`,
    test: true,
  };
  const [deliveryId] = await queueDeliveries([{ id: destinationId, name }], payload, null);
  await recordAuditEvent({
    actor,
    action: "alerts.destination.test",
    target: destinationId,
    details: { name },
    request,
  });
  return { deliveryId: deliveryId! };
}
