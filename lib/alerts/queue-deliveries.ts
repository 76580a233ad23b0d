// Sends an alert's message to each destination of its rule: one AlertDelivery row (pending) and
// one "alert-deliver" job per destination, so a slow or dead destination delays only its own
// messages. The rule's destinations are its destinationIds, or every enabled destination when it
// names none; the TRAILWARDEN_ALERT_WEBHOOK_URL destination ("env") receives every rule.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/config/env";
import { alertPayload, type AlertPayload } from "@/lib/alerts/alert-payload";
import type { RuleRow } from "@/lib/alerts/alert-rules";
import { ENV_DESTINATION_ID } from "@/lib/alerts/destination-types";
import { enqueueDelivery } from "@/lib/queue/alert-delivery-queue";

/** Higher goes first: a stopped trail must not wait behind the control regressions it caused. */
const PRIORITY: Record<string, number> = {
  test: 10,
  "logging-stopped": 10,
  "integrity-failure": 8,
  "collection-failing": 5,
};

export async function targetsOf(rule: Pick<RuleRow, "destinationIds">): Promise<{ id: string; name: string }[]> {
  const rows = await db.alertDestination.findMany({
    where: { enabled: true, ...(rule.destinationIds.length > 0 ? { id: { in: rule.destinationIds } } : {}) },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  if (getEnv().TRAILWARDEN_ALERT_WEBHOOK_URL) rows.push({ id: ENV_DESTINATION_ID, name: "Webhook (environment)" });
  return rows;
}

export async function queueDeliveries(
  targets: { id: string; name: string }[],
  payload: AlertPayload,
  alertId: string | null,
): Promise<string[]> {
  const ids: string[] = [];
  for (const t of targets) {
    const d = await db.alertDelivery.create({
      data: {
        alertId,
        destinationId: t.id,
        destinationName: t.name,
        event: payload.test ? "test" : payload.status,
        payload: payload as object,
      },
      select: { id: true },
    });
    await enqueueDelivery(d.id, PRIORITY[payload.test ? "test" : payload.rule] ?? 0);
    ids.push(d.id);
  }
  return ids;
}

/** Queues the current message (firing or resolved) of a stored alert to its rule's destinations. */
export async function queueAlertMessage(alertId: string, rule: Pick<RuleRow, "destinationIds">): Promise<string[]> {
  const a = await db.alert.findUniqueOrThrow({ where: { id: alertId } });
  const account = await db.awsAccount.findUnique({ where: { id: a.accountId }, select: { name: true } });
  return queueDeliveries(await targetsOf(rule), alertPayload(a, account?.name ?? a.accountId), a.id);
}
