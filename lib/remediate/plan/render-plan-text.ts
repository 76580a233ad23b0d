// A plan as a readable diff for the terminal (`trailwarden remediate`): what fails now, the
// strategy, then each step as `+` (create), `~` (update) or `±` (merge) with its call and changes.
import type { JsonValue, RemediationPlan, StepAction } from "@/lib/remediate/plan/plan-types";
import { ALARM_DESTINATION_NEEDED } from "@/lib/remediate/plan/plan-cis-fixes";
import { isStepRef } from "@/lib/remediate/plan/step-refs";

const MARK: Record<StepAction, string> = { create: "+", update: "~", merge: "±" };

export function formatValue(value: JsonValue): string {
  if (value === null) return "(none)";
  if (isStepRef(value)) return `‹${value.path} of step ${value.$ref.split(":")[0]}›`;
  // Strings are shown whole: a filter pattern or an ARN must be checkable byte for byte.
  if (typeof value === "string") return value;
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

export function renderPlanText(plan: RemediationPlan, options: { showParams?: boolean } = {}): string {
  const out: string[] = [];
  const org = plan.organization;
  out.push(
    org
      ? `Organization plan for ${org.organizationId} (trail owner ${plan.accountId}, snapshot collected ${plan.collectedAt}): ${plan.summary}`
      : `Plan for account ${plan.accountId} (snapshot collected ${plan.collectedAt}): ${plan.summary}`,
  );
  const failing = plan.failingBefore.filter((f) => f.status !== "PASSED");
  if (failing.length > 0) {
    out.push("", "Not passing now:");
    for (const f of failing) out.push(`  ${f.controlId.padEnd(14)} ${f.status.padEnd(8)} ${f.reason}`);
  }
  if (plan.strategy.kind !== "none") out.push("", `Strategy: ${plan.strategy.summary}`);
  if (org) {
    const targets = org.guardrail.targets.map((t) => `${t.id} (${t.attached ? "attached" : `${t.policies} SCPs now`})`);
    out.push(`Guardrail: ${org.guardrail.policyName} on ${targets.join(", ")}`);
  }
  if (plan.blockers.length > 0) {
    out.push("", "BLOCKED — nothing can be applied:");
    for (const b of plan.blockers) out.push(`  ✕ ${b.message}`);
  }
  if (plan.steps.length > 0) {
    out.push("", `Steps (${plan.steps.length}):`);
    plan.steps.forEach((s, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. ${MARK[s.action]} ${s.title}`);
      out.push(
        `      ${s.service}:${s.operation} in ${s.targetAccountId}/${s.region}${s.controls.length ? ` · ${s.controls.join(", ")}` : ""}`,
      );
      out.push(`      why: ${s.why}`);
      for (const c of s.changes) out.push(`      ${c.attribute}: ${formatValue(c.from)} → ${formatValue(c.to)}`);
      if (options.showParams) out.push(`      input: ${JSON.stringify(s.params)}`);
    });
  }
  if (plan.notes.length > 0) {
    out.push("", "Notes:");
    for (const n of plan.notes) out.push(`  • ${n.message}`);
  }
  if (plan.notes.some((n) => n.code === ALARM_DESTINATION_NEEDED)) {
    out.push(
      "",
      "Asked: who should the CIS alarms notify? Plan again with --alarm-email EMAIL or --alarm-topic-arn ARN",
      "(or set TRAILWARDEN_REMEDIATION_ALARM_EMAIL / TRAILWARDEN_REMEDIATION_ALARM_TOPIC_ARN).",
    );
  }
  return out.join("\n");
}
