// Admin changes to alert destinations and rules, each audited. Audit rows name the destination,
// its type and its public description, never its secret (HMAC key, Slack URL, SMTP password).
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Principal } from "@/lib/roles";
import { RULE_IDS, loadRules, type RuleId } from "@/lib/alerts/alert-rules";
import { describeDestination, destinationInput, toColumns, type DestinationType } from "@/lib/alerts/destination-types";

type RequestLike = { headers: Headers } | null;

export async function createDestination(
  raw: z.input<typeof destinationInput>,
  actor: Principal,
  request: RequestLike = null,
): Promise<{ id: string }> {
  const parsed = destinationInput.safeParse(raw);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "destination");
  const input = parsed.data;
  const { config, secret } = toColumns(input);
  const row = await db.alertDestination.create({
    data: { name: input.name, type: input.type, config, secret, createdBy: actor.name },
    select: { id: true },
  });
  await recordAuditEvent({
    actor,
    action: "alerts.destination.create",
    target: row.id,
    details: {
      name: input.name,
      type: input.type,
      destination: describeDestination({ type: input.type, config: config as Record<string, unknown>, secret }),
    },
    request,
  });
  return row;
}

export async function setDestinationEnabled(
  id: string,
  enabled: boolean,
  actor: Principal,
  request: RequestLike = null,
): Promise<void> {
  const res = await db.alertDestination.updateMany({ where: { id }, data: { enabled } });
  if (res.count === 0) throw new NotFoundError(`No alert destination ${id}`);
  await recordAuditEvent({
    actor,
    action: enabled ? "alerts.destination.enable" : "alerts.destination.disable",
    target: id,
    request,
  });
}

export async function deleteDestination(id: string, actor: Principal, request: RequestLike = null): Promise<void> {
  const d = await db.alertDestination.findUnique({ where: { id }, select: { name: true, type: true } });
  if (!d) throw new NotFoundError(`No alert destination ${id}`);
  await db.alertDestination.delete({ where: { id } });
  // Rules that named it fall back to the others they name (or to every destination).
  for (const rule of await db.alertRule.findMany({ where: { destinationIds: { has: id } } }))
    await db.alertRule.update({
      where: { id: rule.id },
      data: { destinationIds: rule.destinationIds.filter((x) => x !== id) },
    });
  await recordAuditEvent({
    actor,
    action: "alerts.destination.delete",
    target: id,
    details: { name: d.name, type: d.type as DestinationType },
    request,
  });
}

export async function updateRule(
  input: { id: RuleId; enabled: boolean; threshold?: number; destinationIds?: string[] },
  actor: Principal,
  request: RequestLike = null,
): Promise<void> {
  if (!(RULE_IDS as readonly string[]).includes(input.id)) throw new NotFoundError(`No alert rule ${input.id}`);
  await loadRules();
  const ids = input.destinationIds ?? [];
  if (ids.length > 0) {
    const known = await db.alertDestination.count({ where: { id: { in: ids } } });
    if (known !== ids.length) throw new ValidationError("destinationIds: names a destination that does not exist");
  }
  const before = await db.alertRule.findUniqueOrThrow({ where: { id: input.id } });
  const after = await db.alertRule.update({
    where: { id: input.id },
    data: {
      enabled: input.enabled,
      threshold: input.threshold ?? before.threshold,
      destinationIds: ids,
      updatedBy: actor.name,
    },
  });
  await recordAuditEvent({
    actor,
    action: "alerts.rule.update",
    target: input.id,
    details: {
      before: { enabled: before.enabled, threshold: before.threshold, destinationIds: before.destinationIds },
      after: { enabled: after.enabled, threshold: after.threshold, destinationIds: after.destinationIds },
    },
    request,
  });
}
