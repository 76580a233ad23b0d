// One line that says what the organization plan does (plan page, CLI, audit log).
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";

export function summarizeOrganizationPlan(plan: RemediationPlan): string {
  if (plan.status === "blocked") return `Blocked: ${plan.blockers[0]?.message ?? "a safety rule forbids this plan"}`;
  const org = plan.organization;
  if (plan.steps.length === 0)
    return "Nothing to do: the organization trail covers every account and the guardrail is in place";
  const parts: string[] = [];
  // The optional AWS Config rule: its own step and AWS Config's trusted access.
  const isConfig = (s: (typeof plan.steps)[number]) =>
    s.service === "config" || (s.operation === "EnableAWSServiceAccess" && s.resource !== "cloudtrail.amazonaws.com");
  const trailSteps = plan.steps.filter(
    (s) => !isConfig(s) && (s.service !== "organizations" || s.operation === "EnableAWSServiceAccess"),
  );
  if (org && trailSteps.length > 0)
    parts.push(
      org.trail.adopted
        ? `fix the organization trail \`${org.trail.name}\` in place (${trailSteps.length} step${trailSteps.length > 1 ? "s" : ""})`
        : `create the organization trail \`${org.trail.name}\` (${trailSteps.length} steps)`,
    );
  const config = plan.steps.filter(isConfig).length;
  const guard = plan.steps.length - trailSteps.length - config;
  if (org && guard > 0) {
    const targets = org.guardrail.targets.filter((t) => !t.attached).map((t) => t.id);
    parts.push(
      `guardrail ${org.guardrail.policyName}${targets.length > 0 ? ` on ${targets.join(", ")}` : ""} (${guard} step${guard > 1 ? "s" : ""})`,
    );
  }
  if (org?.configRule && config > 0)
    parts.push(`AWS Config rule ${org.configRule.name} in every account (${config} step${config > 1 ? "s" : ""})`);
  const dupes = org?.duplicates.length ?? 0;
  const note =
    dupes > 0
      ? `; ${dupes} member trail${dupes > 1 ? "s" : ""} duplicate${dupes > 1 ? "" : "s"} it (see the notes)`
      : "";
  return `${plan.steps.length} step${plan.steps.length > 1 ? "s" : ""}: ${parts.join("; ")}${note}`;
}
