// Closes a firing alert when its condition cleared, and sends the "resolved" message to the
// destinations of its rule. Resolving what is not firing does nothing.
import "server-only";
import { db } from "@/lib/db";
import { loadRules, type RuleId } from "@/lib/alerts/alert-rules";
import { firingKey } from "@/lib/alerts/fire-alert";
import { queueAlertMessage } from "@/lib/alerts/queue-deliveries";

export async function resolveAlert(input: {
  ruleId: RuleId;
  accountId: string;
  subject: string | null;
  summary: string;
}): Promise<string | null> {
  const key = firingKey(input.ruleId, input.accountId, input.subject);
  const res = await db.alert.updateManyAndReturn({
    where: { firingKey: key, status: "firing" },
    data: { status: "resolved", firingKey: null, resolvedAt: new Date(), resolvedSummary: input.summary },
    select: { id: true },
  });
  const closed = res[0];
  if (!closed) return null;
  const rule = (await loadRules()).get(input.ruleId);
  // A rule switched off since it fired still says its alert is over.
  await queueAlertMessage(closed.id, rule ?? { destinationIds: [] });
  return closed.id;
}

/** The subjects (controls or trails) of an account's firing alerts of one rule. */
export async function firingSubjects(ruleId: RuleId, accountId: string): Promise<string[]> {
  const rows = await db.alert.findMany({
    where: { ruleId, accountId, status: "firing" },
    select: { controlId: true, trailArn: true },
  });
  return rows.map((r) => r.controlId ?? r.trailArn ?? "");
}
