// planHash: what the plan will execute (each step's identity, call and input), not how it is
// described, so re-planning from a newer but equivalent snapshot gives the same hash and an apply
// can check that the plan the user confirmed is still the current one.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/remediate/plan/policies/policy-document";
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";

export function hashPlan(plan: RemediationPlan): string {
  const executed = {
    accountId: plan.accountId,
    status: plan.status,
    steps: plan.steps.map((s) => ({
      key: s.key,
      service: s.service,
      operation: s.operation,
      region: s.region,
      targetAccountId: s.targetAccountId,
      action: s.action,
      params: s.params,
    })),
    blockers: plan.blockers.map((b) => b.code),
  };
  return createHash("sha256").update(canonicalJson(executed)).digest("hex");
}
