// Every remediation job for the managers' page and GET /api/v1/remediations: account, requester,
// status, duration and outcome, newest first.
import "server-only";
import { db } from "@/lib/db";
import { ACTIVE_JOB_STATUSES } from "@/lib/views/remediation-view";

export interface RemediationJobRow {
  id: string;
  accountId: string;
  accountName: string | null;
  mode: string;
  /** "organization": the organization fix, run in the account that owns the organization trail. */
  scope: "account" | "organization";
  status: string;
  active: boolean;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  summary: string;
  /** "logging, validated, alarming", "2 actions left to a person", "3 controls still fail", the error, or the plan's state. */
  outcome: string;
  steps: { total: number; succeeded: number; failed: number };
  failingBefore: number;
  failingAfter: number;
}

export interface ListJobsOptions {
  accountId?: string;
  /** Include plans that were never applied. */
  includePlans?: boolean;
  limit?: number;
}

function outcomeOf(status: string, verification: unknown, error: string | null, failingAfter: string[]): string {
  const v = verification as { outcome?: string; actions?: unknown[] } | null;
  if (status === "succeeded") return v?.outcome ?? "succeeded";
  if (status === "needs-attention") {
    const n = v?.actions?.length ?? 0;
    return n > 0 ? `applied; ${n} action${n > 1 ? "s" : ""} left to a person` : "applied; needs attention";
  }
  if (status === "failed" && failingAfter.length > 0)
    return `${failingAfter.length} control${failingAfter.length > 1 ? "s" : ""} still fail${failingAfter.length > 1 ? "" : "s"}`;
  if (status === "failed" || status === "cancelled") return error ?? status;
  if (status === "planned") return "not applied";
  return "in progress";
}

export async function listRemediationJobs(options: ListJobsOptions = {}): Promise<RemediationJobRow[]> {
  const jobs = await db.remediationJob.findMany({
    where: {
      ...(options.accountId ? { accountId: options.accountId } : {}),
      ...(options.includePlans ? {} : { mode: "apply" }),
    },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.limit ?? 100, 500),
    select: {
      id: true,
      accountId: true,
      mode: true,
      status: true,
      requestedBy: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      plan: true,
      verification: true,
      error: true,
      failingBefore: true,
      failingAfter: true,
      account: { select: { name: true } },
    },
  });
  const counts = await db.remediationStep.groupBy({
    by: ["jobId", "status"],
    where: { jobId: { in: jobs.map((j) => j.id) } },
    _count: true,
  });
  const byJob = new Map<string, { total: number; succeeded: number; failed: number }>();
  for (const c of counts) {
    const e = byJob.get(c.jobId) ?? { total: 0, succeeded: 0, failed: 0 };
    e.total += c._count;
    if (c.status === "succeeded") e.succeeded += c._count;
    if (c.status === "failed") e.failed += c._count;
    byJob.set(c.jobId, e);
  }
  return jobs.map((j) => ({
    id: j.id,
    accountId: j.accountId,
    accountName: j.account?.name ?? null,
    mode: j.mode,
    scope: (j.plan as { scope?: "organization" } | null)?.scope ?? "account",
    status: j.status,
    active: ACTIVE_JOB_STATUSES.has(j.status),
    requestedBy: j.requestedBy,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    durationMs: j.startedAt && j.finishedAt ? j.finishedAt.getTime() - j.startedAt.getTime() : null,
    summary: (j.plan as { summary?: string } | null)?.summary ?? "",
    outcome: outcomeOf(j.status, j.verification, j.error, j.failingAfter),
    steps: byJob.get(j.id) ?? { total: 0, succeeded: 0, failed: 0 },
    failingBefore: j.failingBefore.length,
    failingAfter: j.failingAfter.length,
  }));
}
