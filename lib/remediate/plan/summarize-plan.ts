// One line that says what a plan does, for the plan page, the CLI and the audit log.
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { compareControlIds } from "@/lib/remediate/plan/steps/make-step";

/** "CloudWatch.1–14" for consecutive ids of one family, else a comma list. */
export function formatControlList(ids: string[]): string {
  const sorted = [...new Set(ids)].sort(compareControlIds);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const [family, start] = sorted[i]!.split(".");
    let j = i;
    while (j + 1 < sorted.length) {
      const [f, n] = sorted[j + 1]!.split(".");
      const [, prev] = sorted[j]!.split(".");
      if (f !== family || Number(n) !== Number(prev) + 1) break;
      j += 1;
    }
    const [, end] = sorted[j]!.split(".");
    parts.push(j - i >= 2 ? `${family}.${start}–${end}` : sorted.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

export function summarizePlan(plan: RemediationPlan): string {
  if (plan.status === "blocked") {
    return `Blocked: ${plan.blockers[0]?.message ?? "a safety rule forbids this plan"}`;
  }
  const failing = plan.failingBefore.filter((f) => f.status === "FAILED").map((f) => f.controlId);
  if (plan.steps.length === 0) {
    return failing.length === 0
      ? "Nothing to do: every control of the family passes"
      : `Nothing can be done automatically for ${formatControlList(failing)} (see the notes)`;
  }
  const accounts = new Set(plan.steps.map((s) => s.targetAccountId));
  const where =
    accounts.size === 1 && accounts.has(plan.accountId)
      ? ""
      : ` across ${accounts.size} account${accounts.size > 1 ? "s" : ""}`;
  const fixes = plan.expectedToPass.length > 0 ? ` to fix ${formatControlList(plan.expectedToPass)}` : "";
  const remaining = failing.filter((c) => !plan.expectedToPass.includes(c));
  const rest =
    remaining.length > 0 ? `; ${formatControlList(remaining)} will still need attention (see the notes)` : "";
  return `${plan.steps.length} step${plan.steps.length > 1 ? "s" : ""}${where}${fixes}${rest}`;
}
