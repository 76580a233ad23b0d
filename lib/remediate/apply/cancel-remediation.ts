// Cancels a remediation: a planned or queued job never runs; a running one stops before its next
// step (the step under way finishes and is recorded). Steps already applied stay applied: they are
// each safe on their own, and undoing them would mean deleting. Audited as remediation.cancel.
import "server-only";
import type { Principal } from "@/lib/roles";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";

const CANCELLABLE = ["planned", "queued", "running", "verifying"];

export async function cancelRemediation(input: {
  jobId: string;
  principal: Principal;
  request?: Request;
}): Promise<{ status: string }> {
  const job = await db.remediationJob.findUnique({
    where: { id: input.jobId },
    select: { id: true, accountId: true, status: true },
  });
  if (!job) throw new NotFoundError(`Remediation job ${input.jobId} does not exist`);
  const by = input.principal.email ?? input.principal.name;
  const updated = await db.remediationJob.updateMany({
    where: { id: job.id, status: { in: CANCELLABLE } },
    data: { status: "cancelled", error: `Cancelled by ${by}`, finishedAt: new Date() },
  });
  if (updated.count === 0)
    throw new ConflictError(`Remediation job ${job.id} is already ${job.status} and cannot be cancelled`);
  // A job that was not running has nothing in flight: its steps will never run.
  if (job.status !== "running") {
    await db.remediationStep.updateMany({
      where: { jobId: job.id, status: "pending" },
      data: { status: "skipped", error: "cancelled before this step ran" },
    });
  }
  await recordAuditEvent({
    actor: input.principal,
    action: "remediation.cancel",
    target: job.accountId,
    details: { jobId: job.id, previousStatus: job.status },
    request: input.request,
  });
  return { status: "cancelled" };
}
