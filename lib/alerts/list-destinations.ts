// Destinations and rules as the settings page shows them: never a secret (describeDestination
// masks them), plus the last test delivery of each destination so "Send test" shows its outcome.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/config/env";
import { RULE_IDS, RULE_TEXT, loadRules } from "@/lib/alerts/alert-rules";
import { describeDestination, ENV_DESTINATION_ID, type DestinationType } from "@/lib/alerts/destination-types";

export interface DestinationView {
  id: string;
  name: string;
  type: DestinationType;
  description: string;
  enabled: boolean;
  fromEnvironment: boolean;
  lastTest: { status: string; error: string | null; at: string } | null;
}

export async function listDestinations(): Promise<DestinationView[]> {
  const rows = await db.alertDestination.findMany({ orderBy: { createdAt: "asc" } });
  const views: DestinationView[] = rows.map((d) => ({
    id: d.id,
    name: d.name,
    type: d.type as DestinationType,
    description: describeDestination({
      type: d.type as DestinationType,
      config: d.config as Record<string, unknown>,
      secret: d.secret,
    }),
    enabled: d.enabled,
    fromEnvironment: false,
    lastTest: null,
  }));
  const env = getEnv();
  if (env.TRAILWARDEN_ALERT_WEBHOOK_URL)
    views.push({
      id: ENV_DESTINATION_ID,
      name: "Webhook (environment)",
      type: "webhook",
      description: `${env.TRAILWARDEN_ALERT_WEBHOOK_URL}${env.TRAILWARDEN_ALERT_WEBHOOK_SECRET ? " (signed)" : " (unsigned)"}`,
      enabled: true,
      fromEnvironment: true,
      lastTest: null,
    });
  const tests = await db.alertDelivery.findMany({
    where: { event: "test", destinationId: { in: views.map((v) => v.id) } },
    orderBy: { createdAt: "desc" },
    distinct: ["destinationId"],
    select: { destinationId: true, status: true, error: true, updatedAt: true },
  });
  for (const t of tests) {
    const v = views.find((x) => x.id === t.destinationId);
    if (v) v.lastTest = { status: t.status, error: t.error, at: t.updatedAt.toISOString() };
  }
  return views;
}

export async function listRules() {
  const rules = await loadRules();
  return RULE_IDS.map((id) => ({ ...RULE_TEXT[id], ...rules.get(id)!, id }));
}
