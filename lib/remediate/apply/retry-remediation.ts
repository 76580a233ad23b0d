// Retries a failed remediation from where it stopped: the failed step (and those after it) run
// again; succeeded steps are not repeated. A job that failed verification only is re-verified, and
// so is a job that needs attention (after the person did what it asked, e.g. confirmed the e-mail).
// Audited as remediation.apply (with retry: true).
import "server-only";
import type { Principal } from "@/lib/roles";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { enqueueRemediation } from "@/lib/remediate/apply/enqueue-remediation";
import { claimAccountForJob } from "@/lib/remediate/apply/apply-remediation";
import { principalFields } from "@/lib/remediate/plan/plan-remediation";

const RETRYABLE = ["failed", "needs-attention"];

export async function retryRemediation(input: {
  jobId: string;
  principal: Principal;
  request?: Request;
  enqueue?: boolean;
}): Promise<{ status: string; fromStep: number | null }> {
  const job = await db.remediationJob.findUnique({
    where: { id: input.jobId },
    select: {
      id: true,
      accountId: true,
      mode: true,
      status: true,
      steps: { where: { status: "failed" }, select: { index: true }, orderBy: { index: "asc" } },
    },
  });
  if (!job) throw new NotFoundError(`Remediation job ${input.jobId} does not exist`);
  if (job.mode !== "apply" || !RETRYABLE.includes(job.status))
    throw new ConflictError(
      `Only a failed apply or one that needs attention can be retried (job ${job.id} is ${job.status})`,
    );
  // Claim first: a concurrent retry, or another job of the account, must find the steps as they
  // were. Resetting them before the claim let a refused retry rewrite a job someone else now runs.
  await claimAccountForJob(job.accountId, job.id, RETRYABLE, principalFields(input.principal));
  await db.remediationStep.updateMany({
    where: { jobId: job.id, status: "failed" },
    data: { status: "pending", finishedAt: null },
  });
  await db.remediationJob.update({ where: { id: job.id }, data: { verification: Prisma.DbNull, failingAfter: [] } });
  const fromStep = job.steps[0] ? job.steps[0].index + 1 : null;
  await recordAuditEvent({
    actor: input.principal,
    action: "remediation.apply",
    target: job.accountId,
    details: { jobId: job.id, retry: true, fromStep },
    request: input.request,
  });
  if (input.enqueue !== false) await enqueueRemediation(job.id, job.accountId);
  return { status: "queued", fromStep };
}
