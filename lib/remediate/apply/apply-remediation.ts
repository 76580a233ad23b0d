// Starts applying a plan. With `planId` (what the UI and API send after the user confirmed a
// plan) the plan must still be current: it is recomputed from the latest snapshot and settings
// and its planHash compared, so what runs is exactly what was shown. Without one, the current plan
// is stored and applied at once (the CLI with --yes, automation). One job per account at a time:
// a transaction-scoped advisory lock serializes the check and the state change (the queue's
// singletonKey is the second guard). Audited as remediation.apply. The organization fix (scope
// "organization") goes the same way; its job belongs to the account that owns the organization
// trail, so it also excludes a family fix of that account running at the same time.
import "server-only";
import type { Principal } from "@/lib/roles";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueueRemediation } from "@/lib/remediate/apply/enqueue-remediation";
import { computeOrganizationPlan } from "@/lib/remediate/plan/organization/compute-organization-plan";
import { computeCurrentPlan, principalFields, storePlannedJob } from "@/lib/remediate/plan/plan-remediation";
import type { PlanScope, RemediationPlan } from "@/lib/remediate/plan/plan-types";
import type { PlanOverrides } from "@/lib/remediate/remediation-settings";
import { ACTIVE_STATUSES, JobActiveError, PlanBlockedError, StalePlanError } from "@/lib/remediate/remediation-errors";
import { readPlan } from "@/lib/remediate/remediation-json";

export interface ApplyInput {
  /** The account of a family fix; ignored for the organization fix (its plan names the account). */
  accountId: string;
  /** Default "account". */
  scope?: PlanScope;
  planId?: string;
  principal: Principal;
  request?: Request;
  /** false: the caller runs the job in-process (the CLI) instead of the worker. */
  enqueue?: boolean;
  /** Without planId: answers to what the plan asks for (a confirmed plan keeps its own). */
  overrides?: PlanOverrides;
}

export interface ApplyResult {
  jobId: string;
  status: string;
  plan: RemediationPlan;
}

/** Claims the account for `jobId` (or throws JobActiveError) and marks the job queued. */
export async function claimAccountForJob(
  accountId: string,
  jobId: string,
  fromStatus: string[],
  data: { requestedBy?: string; requestedById?: string | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`trailwarden:remediation:${accountId}`}))`;
    const active = await tx.remediationJob.findFirst({
      where: { accountId, status: { in: [...ACTIVE_STATUSES] }, id: { not: jobId } },
      select: { id: true, status: true },
    });
    if (active)
      throw new JobActiveError(
        `A remediation of account ${accountId} is already ${active.status} (job ${active.id}); wait for it or cancel it`,
        active.id,
      );
    const updated = await tx.remediationJob.updateMany({
      where: { id: jobId, status: { in: fromStatus } },
      data: { mode: "apply", status: "queued", error: null, finishedAt: null, ...data },
    });
    if (updated.count === 0) throw new StalePlanError(`Job ${jobId} is no longer in a state that can be applied`);
  });
}

/** The answers a stored plan was made with: re-planning for the hash check must use them too. */
async function storedOverrides(planId: string): Promise<PlanOverrides | undefined> {
  const job = await db.remediationJob.findUnique({ where: { id: planId }, select: { id: true, plan: true } });
  return job ? readPlan(job).overrides : undefined;
}

async function loadPlanJob(
  planId: string,
  accountId: string,
  currentHash: string,
  scope: PlanScope,
): Promise<{ id: string; plan: RemediationPlan }> {
  const job = await db.remediationJob.findUnique({
    where: { id: planId },
    select: { id: true, accountId: true, mode: true, status: true, planHash: true, plan: true },
  });
  if (!job) throw new NotFoundError(`Plan ${planId} does not exist`);
  const stored = readPlan(job);
  if ((stored.scope ?? "account") !== scope)
    throw new ValidationError(
      `Plan ${planId} is ${stored.scope === "organization" ? "the organization fix" : `a family fix of account ${job.accountId}`}, ` +
        `not ${scope === "organization" ? "the organization fix" : "a family fix"}`,
    );
  if (job.accountId !== accountId)
    throw new ValidationError(`Plan ${planId} is for account ${job.accountId}, not ${accountId}`);
  if (job.mode !== "plan" || job.status !== "planned")
    throw new StalePlanError(
      `Plan ${planId} was already ${job.status === "planned" ? "used" : job.status}; plan again`,
    );
  if (job.planHash !== currentHash) {
    throw new StalePlanError(
      `Plan ${planId} is no longer current: the account or the settings changed since it was made. Review the new plan and confirm again`,
    );
  }
  return { id: job.id, plan: stored };
}

async function assertNoActiveJob(accountId: string): Promise<void> {
  const active = await db.remediationJob.findFirst({
    where: { accountId, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true, status: true },
  });
  if (active)
    throw new JobActiveError(
      `A remediation of account ${accountId} is already ${active.status} (job ${active.id}); wait for it or cancel it`,
      active.id,
    );
}

export async function applyRemediation(input: ApplyInput): Promise<ApplyResult> {
  const scope = input.scope ?? "account";
  // Checked early so a refused request leaves no stray plan behind; claimAccountForJob is the real guard.
  if (scope === "account") await assertNoActiveJob(input.accountId);
  const overrides = input.planId ? await storedOverrides(input.planId) : input.overrides;
  const current =
    scope === "organization"
      ? await computeOrganizationPlan({ user: principalFields(input.principal).requestedBy, overrides })
      : await computeCurrentPlan(input.accountId, overrides);
  const accountId = current.plan.accountId;
  if (scope === "organization") await assertNoActiveJob(accountId);
  const { id: jobId, plan } = input.planId
    ? await loadPlanJob(input.planId, accountId, current.planHash, scope)
    : await storePlannedJob({
        accountId,
        plan: current.plan,
        planHash: current.planHash,
        principal: input.principal,
        request: input.request,
      }).then((p) => ({ id: p.jobId, plan: p.plan }));
  if (plan.status === "blocked")
    throw new PlanBlockedError(`The plan cannot be applied: ${plan.blockers.map((b) => b.message).join("; ")}`);
  const who = principalFields(input.principal);
  const audit = (status: string) =>
    recordAuditEvent({
      actor: input.principal,
      action: "remediation.apply",
      target: scope === "organization" ? `organization ${plan.organization?.organizationId ?? ""}`.trim() : accountId,
      details: { jobId, planHash: current.planHash, steps: plan.steps.length, status, summary: plan.summary },
      request: input.request,
    });
  if (plan.status === "empty") {
    const now = new Date();
    await db.remediationJob.update({
      where: { id: jobId },
      data: {
        mode: "apply",
        status: "succeeded",
        ...who,
        startedAt: now,
        finishedAt: now,
        verification: { outcome: "nothing to do", summary: plan.summary },
      },
    });
    await audit("succeeded");
    return { jobId, status: "succeeded", plan };
  }
  await claimAccountForJob(accountId, jobId, ["planned"], who);
  await audit("queued");
  if (input.enqueue !== false) await enqueueRemediation(jobId, accountId);
  return { jobId, status: "queued", plan };
}
