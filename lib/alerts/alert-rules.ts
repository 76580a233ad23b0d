// The alert rules. Each kind is one AlertRule row (created on first use with these defaults) that
// an admin can switch off, point at some destinations only, or (collection-failing) give a
// threshold. integrity-failure is fired by the evidence reader (lib/evidence/alert-integrity-failures.ts)
// when a digest or log file fails validation.
import "server-only";
import { db } from "@/lib/db";

export const RULE_IDS = ["control-failed", "logging-stopped", "collection-failing", "integrity-failure"] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULE_TEXT: Record<RuleId, { title: string; description: string }> = {
  "control-failed": {
    title: "Control regressed to FAILED",
    description: "A control that held (PASSED, WARNING, NOT_APPLICABLE or NO_DATA) is now FAILED in an account.",
  },
  "logging-stopped": {
    title: "Logging stopped or trail deleted",
    description: "A trail that was logging stopped, or was deleted. Names who did it when event history says.",
  },
  "collection-failing": {
    title: "Account failing collection",
    description: "An account's collection failed outright this many runs in a row (its verdicts are stale).",
  },
  "integrity-failure": {
    title: "Log integrity failure",
    description:
      "A CloudTrail digest or log file failed validation: invalid signature, broken chain, missing or modified file.",
  },
};

export interface RuleRow {
  id: RuleId;
  enabled: boolean;
  threshold: number;
  destinationIds: string[];
}

export async function loadRules(): Promise<Map<RuleId, RuleRow>> {
  await db.alertRule.createMany({ data: RULE_IDS.map((id) => ({ id })), skipDuplicates: true });
  const rows = await db.alertRule.findMany({
    select: { id: true, enabled: true, threshold: true, destinationIds: true },
  });
  return new Map(
    rows.filter((r) => (RULE_IDS as readonly string[]).includes(r.id)).map((r) => [r.id as RuleId, r as RuleRow]),
  );
}
