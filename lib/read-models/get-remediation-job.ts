// Reads one remediation job with its steps as the API and the pages show it.
import "server-only";
import { db } from "@/lib/db";
import { ACTIVE_JOB_STATUSES, type RemediationJobView, type StepView } from "@/lib/views/remediation-view";
import { readPlan, readStepOutput, readVerification } from "@/lib/remediate/remediation-json";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function getRemediationJob(jobId: string): Promise<RemediationJobView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
  const job = await db.remediationJob.findUnique({
    where: { id: jobId },
    include: { steps: { orderBy: { index: "asc" } }, account: { select: { name: true } } },
  });
  if (!job) return null;
  const plan = readPlan(job);
  const steps: StepView[] = job.steps.map((row) => {
    const planned = plan.steps[row.index];
    const output = readStepOutput(row);
    return {
      ...(planned ?? {
        title: row.title,
        why: row.why,
        controls: [],
        resource: "",
        action: "update",
        changes: [],
        service: row.service as StepView["service"],
        operation: row.operation,
        region: row.region,
        targetAccountId: row.targetAccountId,
        params: {},
      }),
      key: row.key,
      index: row.index,
      status: row.status,
      changed: typeof output?.changed === "boolean" ? output.changed : null,
      requestId: row.requestId,
      error: row.error,
      attempts: row.attempts,
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
    };
  });
  const count = (status: string) => steps.filter((s) => s.status === status).length;
  const end = job.finishedAt ?? (ACTIVE_JOB_STATUSES.has(job.status) ? new Date() : null);
  return {
    id: job.id,
    accountId: job.accountId,
    accountName: job.account?.name ?? null,
    mode: job.mode,
    scope: plan.scope ?? "account",
    status: job.status,
    active: ACTIVE_JOB_STATUSES.has(job.status),
    requestedBy: job.requestedBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    durationMs: job.startedAt && end ? end.getTime() - job.startedAt.getTime() : null,
    planHash: job.planHash,
    snapshotId: job.snapshotId,
    error: job.error,
    plan: {
      status: plan.status,
      summary: plan.summary,
      strategy: plan.strategy,
      failingBefore: plan.failingBefore,
      expectedToPass: plan.expectedToPass,
      blockers: plan.blockers,
      notes: plan.notes,
      collectedAt: plan.collectedAt,
      organization: plan.organization ?? null,
    },
    steps,
    progress: {
      total: steps.length,
      succeeded: count("succeeded"),
      failed: count("failed"),
      skipped: count("skipped"),
      running: count("running"),
    },
    verification: readVerification(job),
    failingBefore: job.failingBefore,
    failingAfter: job.failingAfter,
  };
}
