// Opens an alert, once: while an alert of the same rule, account and subject (control, or trail
// for logging-stopped) is firing, firing again only fills in what was missing (the actor, once the
// event history shows it) and sends nothing. The unique firing_key column makes "once" hold when
// two workers evaluate at the same moment.
import "server-only";
import { db } from "@/lib/db";
import type { AlertActor } from "@/lib/alerts/find-actor";
import { loadRules, type RuleId } from "@/lib/alerts/alert-rules";
import { queueAlertMessage } from "@/lib/alerts/queue-deliveries";

export interface FireInput {
  ruleId: RuleId;
  accountId: string;
  controlId?: string | null;
  trailArn?: string | null;
  summary: string;
  actor?: AlertActor | null;
  snapshotId?: string | null;
}

export function firingKey(ruleId: string, accountId: string, subject: string | null | undefined): string {
  return `${ruleId}:${accountId}:${subject ?? ""}`;
}

/** The alert's id when a new alert was opened, null when it was already firing or the rule is off. */
export async function fireAlert(input: FireInput): Promise<string | null> {
  const rule = (await loadRules()).get(input.ruleId);
  if (!rule?.enabled) return null;
  const key = firingKey(input.ruleId, input.accountId, input.controlId ?? input.trailArn);
  const existing = await db.alert.findUnique({ where: { firingKey: key }, select: { id: true, actor: true } });
  if (existing) {
    if (!existing.actor && input.actor)
      await db.alert.update({ where: { id: existing.id }, data: { actor: input.actor as object } });
    return null;
  }
  let id: string;
  try {
    ({ id } = await db.alert.create({
      data: {
        ruleId: input.ruleId,
        accountId: input.accountId,
        controlId: input.controlId ?? null,
        trailArn: input.trailArn ?? null,
        firingKey: key,
        summary: input.summary,
        actor: (input.actor ?? undefined) as object | undefined,
        snapshotId: input.snapshotId ?? null,
      },
      select: { id: true },
    }));
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return null; // another worker opened it first
    throw err;
  }
  await queueAlertMessage(id, rule);
  return id;
}
