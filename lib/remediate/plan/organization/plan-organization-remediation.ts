// Plans the organization fix and stores it as a RemediationJob of the account that owns (or will
// own) the organization trail, with scope "organization" in its plan, so the user reviews exactly
// this plan and applies it by id (POST /api/v1/remediations with scope "organization"). Audited as
// remediation.plan.
import type { Principal } from "@/lib/roles";
import { computeOrganizationPlan } from "@/lib/remediate/plan/organization/compute-organization-plan";
import { principalFields, storePlannedJob, type PlannedRemediation } from "@/lib/remediate/plan/plan-remediation";
import type { PlanOverrides } from "@/lib/remediate/remediation-settings";

export async function planOrganizationRemediation(input: {
  principal: Principal;
  request?: Request;
  overrides?: PlanOverrides;
}): Promise<PlannedRemediation> {
  const { plan, planHash } = await computeOrganizationPlan({
    user: principalFields(input.principal).requestedBy,
    overrides: input.overrides,
  });
  return storePlannedJob({
    accountId: plan.accountId,
    plan,
    planHash,
    principal: input.principal,
    request: input.request,
  });
}
