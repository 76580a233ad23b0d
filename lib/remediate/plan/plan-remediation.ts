// Plans the family fix for one account from its latest snapshot and stores the plan as a
// RemediationJob (mode "plan", status "planned") with one RemediationStep row per step, so the
// user can review exactly this plan and apply it by id. Audited as remediation.plan.
import "server-only";
import type { Principal } from "@/lib/roles";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import { hashPlan } from "@/lib/remediate/plan/hash-plan";
import { loadKnownBuckets } from "@/lib/remediate/plan/load-known-buckets";
import { loadLatestSnapshot } from "@/lib/remediate/plan/load-latest-snapshot";
import { loadRemediationSettings } from "@/lib/remediate/load-remediation-settings";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { withOverrides, type PlanOverrides } from "@/lib/remediate/remediation-settings";
import { toJsonColumn } from "@/lib/db/json/read-json-column";

export interface PlannedRemediation {
  jobId: string;
  plan: RemediationPlan;
  planHash: string;
}

export function principalFields(principal: Principal): { requestedById: string | null; requestedBy: string } {
  return {
    requestedById: principal.type === "user" ? principal.id : null,
    requestedBy: principal.email ?? principal.name,
  };
}

/** The plan for the account as it stands now (no database writes). */
export async function computeCurrentPlan(
  accountId: string,
  overrides?: PlanOverrides,
): Promise<{ plan: RemediationPlan; planHash: string }> {
  const [snapshot, stored] = await Promise.all([loadLatestSnapshot(accountId), loadRemediationSettings()]);
  const settings = withOverrides(stored, overrides);
  const plan = planFamilyFix({
    state: snapshot.state,
    snapshotId: snapshot.id,
    settings,
    knownBuckets: await loadKnownBuckets(snapshot.state, settings),
    remediationRoleName: getEnv().TRAILWARDEN_REMEDIATION_ROLE_NAME,
  });
  if (overrides && Object.keys(overrides).length > 0) plan.overrides = overrides;
  return { plan, planHash: hashPlan(plan) };
}

export async function planRemediation(input: {
  accountId: string;
  principal: Principal;
  request?: Request;
  /** Answers to what an earlier plan asked for (the alarm destination). */
  overrides?: PlanOverrides;
}): Promise<PlannedRemediation> {
  const { plan, planHash } = await computeCurrentPlan(input.accountId, input.overrides);
  return storePlannedJob({
    accountId: input.accountId,
    plan,
    planHash,
    principal: input.principal,
    request: input.request,
  });
}

/** Stores a computed plan as a RemediationJob (mode "plan", status "planned") with its steps; audited. */
export async function storePlannedJob(input: {
  accountId: string;
  plan: RemediationPlan;
  planHash: string;
  principal: Principal;
  request?: Request;
}): Promise<PlannedRemediation> {
  const { plan, planHash } = input;
  const job = await db.remediationJob.create({
    data: {
      accountId: input.accountId,
      ...principalFields(input.principal),
      mode: "plan",
      status: "planned",
      plan: toJsonColumn(plan),
      planHash,
      snapshotId: plan.snapshotId,
      failingBefore: plan.failingBefore
        .filter((f) => f.status === "FAILED" || f.status === "ERROR")
        .map((f) => f.controlId),
      steps: {
        create: plan.steps.map((s, index) => ({
          index,
          key: s.key,
          title: s.title,
          why: s.why,
          service: s.service,
          operation: s.operation,
          region: s.region,
          targetAccountId: s.targetAccountId,
          params: toJsonColumn(s.params),
        })),
      },
    },
    select: { id: true },
  });
  await recordAuditEvent({
    actor: input.principal,
    action: "remediation.plan",
    target:
      plan.scope === "organization"
        ? `organization ${plan.organization?.organizationId ?? ""}`.trim()
        : input.accountId,
    details: {
      jobId: job.id,
      planHash,
      status: plan.status,
      steps: plan.steps.length,
      summary: plan.summary,
      ...(plan.scope === "organization" ? { scope: "organization", account: input.accountId } : {}),
    },
    request: input.request,
  });
  return { jobId: job.id, plan, planHash };
}
