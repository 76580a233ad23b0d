// The guardrail's steps, in the management account: enable the SCP policy type on the root when it
// is off, create the guardrail policy, attach it to each target that lacks it. Refuses, as a
// blocker, a target that already holds AWS's five SCPs (Trailwarden never detaches a policy it did
// not create), and a policy of the guardrail's name that Trailwarden did not create.
// Trailwarden never edits an existing SCP: the remediation role has no organizations:UpdatePolicy,
// because AWS can only scope that right by a tag, and a role that tags its new policy at creation
// could tag (and then rewrite) any customer SCP. When our own guardrail no longer matches what it
// must protect, the plan says so as a note with the wanted content, for a person to apply.
import {
  contentText,
  guardrailContent,
  guardrailPolicyName,
  guardrailViolations,
  sameGuardrail,
  SCPS_PER_TARGET,
  type GuardrailInput,
} from "@/lib/remediate/plan/organization/guardrail-policy";
import { SCP_TYPE, type OrganizationState } from "@/lib/remediate/plan/organization/read-organization-state";
import type { JsonValue, OrganizationPlanInfo, PlanIssue, PlanStep } from "@/lib/remediate/plan/plan-types";
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";
import { stepRef } from "@/lib/remediate/plan/step-refs";
import { makeStep, type StepSpec } from "@/lib/remediate/plan/steps/make-step";

import { ORGANIZATIONS_REGION } from "@/lib/remediate/plan/organization/organizations-reader";

export interface GuardrailPlan {
  steps: PlanStep[];
  blockers: PlanIssue[];
  /** Actions left to a person (a guardrail whose content drifted). */
  notes: PlanIssue[];
  info: OrganizationPlanInfo["guardrail"];
}

export function planGuardrail(org: OrganizationState, prefix: string, input: GuardrailInput): GuardrailPlan {
  const name = guardrailPolicyName(prefix);
  const content = guardrailContent(input);
  const steps: PlanStep[] = [];
  const blockers: PlanIssue[] = [];
  const notes: PlanIssue[] = [];
  const step = (spec: Omit<StepSpec, "service" | "region" | "targetAccountId" | "controls">): void => {
    steps.push({
      ...makeStep({
        ...spec,
        service: "organizations",
        region: ORGANIZATIONS_REGION,
        targetAccountId: org.managementAccountId,
        controls: [],
      }),
      organization: true,
    });
  };
  for (const problem of guardrailViolations(content))
    blockers.push({ code: "guardrail-unsafe", message: `the guardrail policy: ${problem}`, controls: [] });

  if (!org.scpTypeEnabled) {
    step({
      title: `Enable service control policies on the root ${org.rootId}`,
      why: "the guardrail is a service control policy, and the SCP policy type is not enabled on the organization's root (AWS then attaches FullAWSAccess everywhere, so nothing else changes)",
      operation: "EnablePolicyType",
      resource: org.rootId,
      action: "update",
      changes: [{ attribute: "PolicyTypes.SERVICE_CONTROL_POLICY", from: "DISABLED", to: "ENABLED" }],
      params: { RootId: org.rootId, PolicyType: SCP_TYPE },
    });
  }

  const existing = org.guardrail;
  let policyId: JsonValue;
  if (existing && !existing.managedByTrailwarden) {
    blockers.push({
      code: "guardrail-name-taken",
      message:
        `a service control policy named ${name} (${existing.id}) exists but does not carry the ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value} ` +
        `tag: Trailwarden never edits or attaches a policy it did not create; rename it or change the resource ` +
        `prefix`,
      controls: [],
    });
    policyId = existing.id;
  } else if (existing) {
    policyId = existing.id;
    if (!sameGuardrail(existing.content, content)) {
      notes.push({
        code: "guardrail-content-drift",
        message:
          `the guardrail policy ${name} (${existing.id}) no longer matches what it must protect (the trail's key ` +
          `or bucket, or the exempt roles changed). Trailwarden never edits a service control policy; replace its ` +
          `content in the management account (Organizations console, or aws organizations update-policy --policy-id ` +
          `${existing.id}) with: ${contentText(content as JsonValue)}`,
        controls: [],
      });
    }
  } else {
    step({
      title: `Create the guardrail policy ${name}`,
      why: "nothing stops a member account's administrator from stopping, deleting or narrowing CloudTrail, or deleting the organization trail's key or bucket",
      operation: "CreatePolicy",
      resource: name,
      action: "create",
      changes: [{ attribute: "Content", from: null, to: content as JsonValue }],
      params: {
        Name: name,
        Description:
          "Trailwarden: protects CloudTrail logging (deny stop, delete, narrow) except for the remediation role and break-glass roles",
        Type: SCP_TYPE,
        Content: content as JsonValue,
        Tags: [{ Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value }],
      },
    });
    policyId = stepRef(steps.at(-1)!.key, "PolicyId");
  }

  const targets: OrganizationPlanInfo["guardrail"]["targets"] = [];
  for (const target of org.targets) {
    const attached = existing ? target.policies.some((p) => p.id === existing.id) : false;
    // Enabling the policy type attaches FullAWSAccess to every target: it takes one of the five places.
    const count = target.policies.length + (org.scpTypeEnabled ? 0 : 1);
    targets.push({ id: target.id, attached, policies: count });
    if (attached) continue;
    if (count >= SCPS_PER_TARGET) {
      blockers.push({
        code: "scp-quota-full",
        message:
          `${target.id} already has ${count} service control policies attached (${target.policies.map((p) => p.name).join(", ") || "FullAWSAccess"}), ` +
          `AWS's limit is ${SCPS_PER_TARGET}: the guardrail cannot be attached. Trailwarden never detaches a policy ` +
          `it did not create; free a place there yourself, or attach the guardrail to OUs instead (TRAILWARDEN_GUARDRAIL_TARGETS)`,
        controls: [],
      });
      continue;
    }
    step({
      title: `Attach the guardrail ${name} to ${target.id}`,
      why: `every account under ${target.id} gets the guardrail (the management account itself is never restricted by an SCP)`,
      operation: "AttachPolicy",
      resource: target.id,
      action: "update",
      changes: [{ attribute: "Policies", from: `${target.policies.length} attached`, to: `+ ${name}` }],
      params: { PolicyId: policyId, TargetId: target.id },
    });
  }
  return {
    steps,
    blockers,
    notes,
    info: {
      policyName: name,
      policyId: existing?.id ?? null,
      content: contentText(content as JsonValue),
      targets,
      scpTypeEnabled: org.scpTypeEnabled,
    },
  };
}
