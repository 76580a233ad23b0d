// Organizations executors for the organization fix (management account). Each reads first: trusted
// access and the SCP type are enabled only when off; the guardrail is created only when no policy of
// its name exists; a policy is updated or attached only when it carries Trailwarden's ManagedBy tag
// (a policy we did not create is never edited or attached); an attachment already in place is left
// alone, and a target already at AWS's five SCPs is refused with the reason.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type OrganizationsClient,
  type PolicyType,
} from "@aws-sdk/client-organizations";
import { changed, hasCode, SafetyError, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";
import { contentText, guardrailViolations, SCPS_PER_TARGET } from "@/lib/remediate/plan/organization/guardrail-policy";
import type { JsonObject } from "@/lib/remediate/plan/plan-types";

/** The resolved content as AWS receives it, checked again now that the key's ARN is known. */
function resolvedContent(params: JsonObject): string {
  const text = contentText(params.Content);
  const problems = guardrailViolations(text);
  if (problems.length > 0) throw new SafetyError(problems.join("; "));
  return text;
}
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";

async function isOurs(org: OrganizationsClient, policyId: string): Promise<boolean> {
  let NextToken: string | undefined;
  do {
    const page = await org.send(new ListTagsForResourceCommand({ ResourceId: policyId, NextToken }));
    if ((page.Tags ?? []).some((t) => t.Key === MANAGED_BY_TAG.key && t.Value === MANAGED_BY_TAG.value)) return true;
    NextToken = page.NextToken;
  } while (NextToken);
  return false;
}

async function assertOurs(org: OrganizationsClient, policyId: string): Promise<void> {
  if (!(await isOurs(org, policyId)))
    throw new SafetyError(
      `policy ${policyId} does not carry the ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value} tag: Trailwarden never edits or attaches a policy it did not create`,
    );
}

const enableAwsServiceAccess: Executor = async ({ clients }, params) => {
  const principal = String(params.ServicePrincipal);
  let NextToken: string | undefined;
  do {
    const page = await clients.organizations.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken }));
    if ((page.EnabledServicePrincipals ?? []).some((p) => p.ServicePrincipal === principal)) return unchanged();
    NextToken = page.NextToken;
  } while (NextToken);
  await clients.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
  return changed({ ServicePrincipal: principal });
};

const enablePolicyType: Executor = async ({ clients }, params) => {
  const rootId = String(params.RootId);
  const type = String(params.PolicyType) as PolicyType;
  const roots = (await clients.organizations.send(new ListRootsCommand({}))).Roots ?? [];
  const status = roots.find((r) => r.Id === rootId)?.PolicyTypes?.find((t) => t.Type === type)?.Status;
  if (status === "ENABLED" || status === "PENDING_ENABLE") return unchanged({ Status: status });
  try {
    await clients.organizations.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type }));
  } catch (err) {
    if (hasCode(err, "PolicyTypeAlreadyEnabledException")) return unchanged({ Status: "ENABLED" });
    throw err;
  }
  return changed({ Status: "ENABLED" });
};

const createPolicy: Executor = async ({ clients }, params) => {
  const name = String(params.Name);
  let NextToken: string | undefined;
  do {
    const page = await clients.organizations.send(
      new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY", NextToken }),
    );
    const found = (page.Policies ?? []).find((p) => p.Name === name);
    if (found?.Id) {
      await assertOurs(clients.organizations, found.Id);
      return unchanged({ PolicyId: found.Id });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const out = await clients.organizations.send(
    new CreatePolicyCommand({
      Name: name,
      Description: String(params.Description ?? ""),
      Type: "SERVICE_CONTROL_POLICY",
      Content: resolvedContent(params),
      Tags: params.Tags as { Key: string; Value: string }[],
    }),
  );
  const id = out.Policy?.PolicySummary?.Id;
  if (!id) throw new Error("CreatePolicy returned no policy id");
  return changed({ PolicyId: id });
};

const attachPolicy: Executor = async ({ clients }, params) => {
  const policyId = String(params.PolicyId);
  const targetId = String(params.TargetId);
  await assertOurs(clients.organizations, policyId);
  const attached: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.organizations.send(
      new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: "SERVICE_CONTROL_POLICY", NextToken }),
    );
    attached.push(...(page.Policies ?? []).map((p) => p.Id ?? ""));
    NextToken = page.NextToken;
  } while (NextToken);
  if (attached.includes(policyId)) return unchanged({ PolicyId: policyId, TargetId: targetId });
  if (attached.length >= SCPS_PER_TARGET)
    throw new SafetyError(
      `${targetId} already has ${attached.length} service control policies attached (AWS allows ${SCPS_PER_TARGET}); Trailwarden never detaches a policy it did not create`,
    );
  try {
    await clients.organizations.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
  } catch (err) {
    if (hasCode(err, "DuplicatePolicyAttachmentException"))
      return unchanged({ PolicyId: policyId, TargetId: targetId });
    throw err;
  }
  return changed({ PolicyId: policyId, TargetId: targetId });
};

export const ORGANIZATIONS_EXECUTORS: Record<string, Executor> = {
  EnableAWSServiceAccess: enableAwsServiceAccess,
  EnablePolicyType: enablePolicyType,
  CreatePolicy: createPolicy,
  AttachPolicy: attachPolicy,
};
