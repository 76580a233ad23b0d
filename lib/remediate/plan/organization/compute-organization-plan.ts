// The organization plan as things stand now (no database writes): the CloudTrail administrator's
// and every member's latest snapshot from Postgres, the organization's SCP and trusted-access state
// read live through the remediation role in the management account, and the settings.
import "server-only";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { getEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { hashPlan } from "@/lib/remediate/plan/hash-plan";
import { loadKnownBuckets } from "@/lib/remediate/plan/load-known-buckets";
import { loadLatestSnapshot } from "@/lib/remediate/plan/load-latest-snapshot";
import { loadRemediationSettings } from "@/lib/remediate/load-remediation-settings";
import { guardrailPolicyName } from "@/lib/remediate/plan/organization/guardrail-policy";
import { planOrganizationFix } from "@/lib/remediate/plan/organization/plan-organization-fix";
import { configRuleName, readConfigRuleState } from "@/lib/remediate/plan/organization/config-rule";
import {
  withConfigServiceClient,
  withOrganizationsClient,
} from "@/lib/remediate/plan/organization/organizations-reader";
import {
  readOrganizationState,
  type OrganizationState,
} from "@/lib/remediate/plan/organization/read-organization-state";
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { withOverrides, type PlanOverrides, type RemediationSettings } from "@/lib/remediate/remediation-settings";
import { latestAccountStates } from "@/lib/collect/latest-snapshot";

/** The organization's management account as the last collection discovered it. */
export async function managementAccountId(): Promise<string> {
  const account = await db.awsAccount.findFirst({
    where: { isManagement: true, removedAt: null },
    select: { id: true },
  });
  if (!account)
    throw new NotFoundError(
      "No management account is known: the organization fix needs a collection with TRAILWARDEN_DISCOVERY=organizations first",
    );
  return account.id;
}

/** Reads the organization's live state through the remediation role in the management account. */
export async function loadOrganizationState(
  managementId: string,
  settings: RemediationSettings,
  user: string,
): Promise<OrganizationState> {
  return withOrganizationsClient(managementId, user, (client) =>
    readOrganizationState(client, {
      guardrailName: guardrailPolicyName(settings.namePrefix),
      targets: settings.organization.guardrailTargets,
      delegatedAdmins: Boolean(
        settings.organization.cloudTrailAdminAccountId &&
        settings.organization.cloudTrailAdminAccountId !== managementId,
      ),
    }),
  );
}

async function memberStates(adminId: string): Promise<{ state: AccountSnapshotState; name: string | null }[]> {
  const rows = await latestAccountStates({ holdingState: true, exceptAccountId: adminId });
  return rows.map((r) => ({ state: r.state, name: r.name }));
}

export async function computeOrganizationPlan(input: {
  /** Who asks (the session's SourceIdentity in the management account). */
  user: string;
  overrides?: PlanOverrides;
}): Promise<{ plan: RemediationPlan; planHash: string }> {
  const { overrides } = input;
  const settings = withOverrides(await loadRemediationSettings(), overrides);
  const managementId = await managementAccountId();
  const adminId = settings.organization.cloudTrailAdminAccountId ?? managementId;
  const [admin, members, organization, configRule] = await Promise.all([
    loadLatestSnapshot(adminId),
    memberStates(adminId),
    loadOrganizationState(managementId, settings, input.user),
    // Read only when the option is on: the default plan makes no AWS Config call at all.
    settings.organization.configRule
      ? withConfigServiceClient(managementId, settings.homeRegion, input.user, (client) =>
          readConfigRuleState(client, { name: configRuleName(settings.namePrefix), region: settings.homeRegion }),
        )
      : Promise.resolve(undefined),
  ]);
  if (configRule) organization.configRule = configRule;
  const knownBuckets = await loadKnownBuckets(admin.state, settings);
  const plan = planOrganizationFix({
    admin: { state: admin.state, snapshotId: admin.id },
    members,
    organization,
    settings,
    remediationRoleName: getEnv().TRAILWARDEN_REMEDIATION_ROLE_NAME,
    knownBuckets,
  });
  if (overrides && Object.keys(overrides).length > 0) plan.overrides = overrides;
  return { plan, planHash: hashPlan(plan) };
}
