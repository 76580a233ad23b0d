// The alerts read model: firing alerts first, then the most recent resolved ones, each with the
// outcome of its deliveries (destination, delivered or failed and why), for the Alerts page and
// GET /api/v1/alerts. Filters come from the URL, validated by one schema.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { AlertPayload } from "@/lib/alerts/alert-payload";
import type { AlertActor } from "@/lib/alerts/find-actor";

export const alertFilters = z.object({
  status: z.enum(["firing", "resolved", "all"]).default("all"),
  account: z
    .string()
    .regex(/^\d{12}$/, "must be a 12-digit AWS account id")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertFilters = z.output<typeof alertFilters>;

export interface AlertView {
  id: string;
  rule: string;
  status: AlertPayload["status"];
  accountId: string;
  accountName: string;
  controlId: string | null;
  trailArn: string | null;
  summary: string;
  resolvedSummary: string | null;
  detectedAt: string;
  resolvedAt: string | null;
  actor: (AlertActor & { requestParameters?: unknown }) | null;
  deliveries: {
    destination: string;
    event: string;
    status: string;
    attempts: number;
    error: string | null;
    at: string;
  }[];
}

export async function listAlerts(filters: AlertFilters): Promise<AlertView[]> {
  const rows = await db.alert.findMany({
    where: {
      ...(filters.status === "all" ? {} : { status: filters.status }),
      ...(filters.account ? { accountId: filters.account } : {}),
    },
    orderBy: [{ status: "asc" }, { detectedAt: "desc" }],
    take: filters.limit,
    include: { deliveries: { orderBy: { createdAt: "asc" } } },
  });
  const names = new Map(
    (
      await db.awsAccount.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.accountId))] } },
        select: { id: true, name: true },
      })
    ).map((a) => [a.id, a.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    rule: r.ruleId,
    status: r.status === "resolved" ? "resolved" : "firing",
    accountId: r.accountId,
    accountName: names.get(r.accountId) ?? r.accountId,
    controlId: r.controlId,
    trailArn: r.trailArn,
    summary: r.summary,
    resolvedSummary: r.resolvedSummary,
    detectedAt: r.detectedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    actor: (r.actor as AlertView["actor"]) ?? null,
    deliveries: r.deliveries.map((d) => ({
      destination: d.destinationName,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      error: d.error,
      at: (d.deliveredAt ?? d.updatedAt).toISOString(),
    })),
  }));
}
