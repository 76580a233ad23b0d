// What the organization plan needs from AWS Organizations, read live through the remediation role
// in the management account (snapshots do not hold SCPs): the organization and its root, whether
// the SCP policy type is enabled there and CloudTrail's trusted access is on, CloudTrail's
// delegated administrators, the SCPs directly attached to each guardrail target, and the guardrail
// policy itself (found by name, recognised as ours only by the ManagedBy tag Trailwarden puts on it).
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { CONFIG_MULTI_ACCOUNT_PRINCIPAL, type ConfigRuleState } from "@/lib/remediate/plan/organization/config-rule";
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";

export const CLOUDTRAIL_PRINCIPAL = "cloudtrail.amazonaws.com";
export const SCP_TYPE = "SERVICE_CONTROL_POLICY";

export interface AttachedPolicy {
  id: string;
  name: string;
}

export interface OrganizationState {
  organizationId: string;
  managementAccountId: string;
  rootId: string;
  scpTypeEnabled: boolean;
  cloudTrailTrustedAccess: boolean;
  /** CloudTrail's delegated administrators (empty unless asked for). */
  cloudTrailDelegatedAdmins: string[];
  /** The policy named like the guardrail: ours (ManagedBy tag) or someone else's. */
  guardrail: { id: string; content: string; managedByTrailwarden: boolean } | null;
  /** SCPs directly attached to each guardrail target. */
  targets: { id: string; policies: AttachedPolicy[] }[];
  /** Whether AWS Config's multi-account setup has trusted access (the optional Config rule needs it). */
  configTrustedAccess?: boolean;
  /** The optional Config rule as AWS Config reports it; absent when the option is off. */
  configRule?: ConfigRuleState;
}

async function pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next;
  } while (token);
  return out;
}

async function attachedScps(org: OrganizationsClient, targetId: string): Promise<AttachedPolicy[]> {
  return pages(async (NextToken) => {
    const r = await org.send(new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: SCP_TYPE, NextToken }));
    return {
      items: (r.Policies ?? []).map((p) => ({ id: p.Id ?? "", name: p.Name ?? "" })),
      next: r.NextToken,
    };
  });
}

async function findGuardrail(org: OrganizationsClient, name: string): Promise<OrganizationState["guardrail"]> {
  const all = await pages(async (NextToken) => {
    const r = await org.send(new ListPoliciesCommand({ Filter: SCP_TYPE, NextToken }));
    return { items: r.Policies ?? [], next: r.NextToken };
  });
  const found = all.find((p) => p.Name === name && p.Id);
  if (!found?.Id) return null;
  const described = await org.send(new DescribePolicyCommand({ PolicyId: found.Id }));
  const tags = await pages(async (NextToken) => {
    const r = await org.send(new ListTagsForResourceCommand({ ResourceId: found.Id, NextToken }));
    return { items: r.Tags ?? [], next: r.NextToken };
  });
  return {
    id: found.Id,
    content: described.Policy?.Content ?? "",
    managedByTrailwarden: tags.some((t) => t.Key === MANAGED_BY_TAG.key && t.Value === MANAGED_BY_TAG.value),
  };
}

export async function readOrganizationState(
  org: OrganizationsClient,
  /** delegatedAdmins: also list CloudTrail's delegated administrators (only asked when one is configured). */
  options: { guardrailName: string; targets: string[]; delegatedAdmins?: boolean },
): Promise<OrganizationState> {
  const described = (await org.send(new DescribeOrganizationCommand({}))).Organization;
  const roots = (await org.send(new ListRootsCommand({}))).Roots ?? [];
  const root = roots[0];
  if (!described?.Id || !described.MasterAccountId || !root?.Id)
    throw new Error("DescribeOrganization/ListRoots returned no organization or root");
  const services = await pages(async (NextToken) => {
    const r = await org.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken }));
    return { items: r.EnabledServicePrincipals ?? [], next: r.NextToken };
  });
  const admins = options.delegatedAdmins
    ? await pages(async (NextToken) => {
        const r = await org.send(
          new ListDelegatedAdministratorsCommand({ ServicePrincipal: CLOUDTRAIL_PRINCIPAL, NextToken }),
        );
        return { items: r.DelegatedAdministrators ?? [], next: r.NextToken };
      })
    : [];
  const targetIds = options.targets.length > 0 ? options.targets : [root.Id];
  const targets = [];
  for (const id of targetIds) targets.push({ id, policies: await attachedScps(org, id) });
  return {
    organizationId: described.Id,
    managementAccountId: described.MasterAccountId,
    rootId: root.Id,
    scpTypeEnabled: (root.PolicyTypes ?? []).some((t) => t.Type === SCP_TYPE && t.Status === "ENABLED"),
    cloudTrailTrustedAccess: services.some((s) => s.ServicePrincipal === CLOUDTRAIL_PRINCIPAL),
    configTrustedAccess: services.some((s) => s.ServicePrincipal === CONFIG_MULTI_ACCOUNT_PRINCIPAL),
    cloudTrailDelegatedAdmins: admins.map((a) => a.Id ?? "").filter(Boolean),
    guardrail: await findGuardrail(org, options.guardrailName),
    targets,
  };
}
