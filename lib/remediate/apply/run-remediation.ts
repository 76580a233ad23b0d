// Runs an applied remediation job to its end: the steps in order (resuming at the first
// unfinished one after a crash or a retry), each step's outcome stored as it happens, a stop before
// the next step when the job was cancelled, then verification. Returns the job's final status:
// "succeeded", "needs-attention" (every step succeeded, a person has an action left), "failed" or
// "cancelled".
// Safe to call again for the same job at any point: finished steps are skipped, an interrupted step
// is re-run (its executor reads before it writes), a finished job is left alone.
import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { executeStep, type StepOutcome } from "@/lib/remediate/apply/execute-step";
import type { JsonValue, PlanStep, RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { RemediationClients, type ClientProvider, type RecordedCall } from "@/lib/remediate/apply/remediation-clients";
import { jobStatusAfter } from "@/lib/remediate/verify/job-outcome";
import { verifyFix, type Verification } from "@/lib/remediate/verify/verify-fix";
import { verifyOrganizationFix } from "@/lib/remediate/verify/verify-organization-fix";
import { readPlan, readStepOutput } from "@/lib/remediate/remediation-json";
import { toJsonColumn } from "@/lib/db/json/read-json-column";

export interface StepEvent {
  index: number;
  step: PlanStep;
  phase: "started" | "executed" | "recorded" | "skipped";
  outcome?: StepOutcome;
}

export interface RunRemediationOptions {
  provider?: ClientProvider & { calls?: RecordedCall[] };
  log?: (line: string) => void;
  /** Progress (the CLI prints it). An exception thrown here aborts the run like a crash would. */
  onStep?: (event: StepEvent) => void | Promise<void>;
  verify?: (
    accountId: string,
    requestedBy: string,
    log: (line: string) => void,
    overrides?: RemediationPlan["overrides"],
  ) => Promise<Verification>;
}

const RESUMABLE = ["queued", "running", "verifying"];

/** Holds an advisory lock on the target account while a step runs: jobs of different accounts may
 * share a resource there (the organization trail's log group), and describe-then-create must not race. */
async function withTargetLock<T>(targetAccountId: string, fn: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`trailwarden:remediation-target:${targetAccountId}`}))`;
      return fn();
    },
    { maxWait: 60_000, timeout: 15 * 60_000 },
  );
}

async function isCancelled(jobId: string): Promise<boolean> {
  const job = await db.remediationJob.findUnique({ where: { id: jobId }, select: { status: true } });
  return job?.status === "cancelled";
}

async function skipRemaining(jobId: string, reason: string): Promise<void> {
  await db.remediationStep.updateMany({
    where: { jobId, status: { in: ["pending", "running"] } },
    data: { status: "skipped", error: reason, finishedAt: new Date() },
  });
}

export async function runRemediation(jobId: string, options: RunRemediationOptions = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const job = await db.remediationJob.findUnique({
    where: { id: jobId },
    include: { steps: { orderBy: { index: "asc" } } },
  });
  if (!job) throw new NotFoundError(`Remediation job ${jobId} does not exist`);
  if (job.mode !== "apply" || !RESUMABLE.includes(job.status)) return job.status;
  const claimed = await db.remediationJob.updateMany({
    where: { id: jobId, status: { in: RESUMABLE } },
    data: { status: job.status === "verifying" ? "verifying" : "running", startedAt: job.startedAt ?? new Date() },
  });
  if (claimed.count === 0)
    return (
      (await db.remediationJob.findUnique({ where: { id: jobId }, select: { status: true } }))?.status ?? "cancelled"
    );

  const plan = readPlan(job);
  const provider =
    options.provider ??
    new RemediationClients({
      session: { jobId, user: job.requestedBy },
      mutationsPerSecond: plan.settings.mutationsPerSecond,
    });
  const outputs = new Map<string, JsonValue>();
  try {
    for (const row of job.steps) {
      const step = plan.steps[row.index];
      if (!step || step.key !== row.key) throw new Error(`step ${row.index} of job ${jobId} does not match its plan`);
      if (row.status === "succeeded" || row.status === "skipped") {
        outputs.set(step.key, readStepOutput(row)?.result ?? null);
        continue;
      }
      if (job.status === "verifying") break;
      if (await isCancelled(jobId)) {
        await skipRemaining(jobId, "cancelled before this step ran");
        log(`job ${jobId} cancelled before step ${row.index + 1}`);
        return "cancelled";
      }
      await db.remediationStep.update({
        where: { id: row.id },
        data: { status: "running", startedAt: new Date(), finishedAt: null, error: null, attempts: { increment: 1 } },
      });
      await options.onStep?.({ index: row.index, step, phase: "started" });
      const outcome = await withTargetLock(step.targetAccountId, () => executeStep(step, { provider, outputs, log }));
      await options.onStep?.({ index: row.index, step, phase: "executed", outcome });
      await db.remediationStep.update({
        where: { id: row.id },
        data: {
          status: outcome.status,
          requestId: outcome.requestId,
          error: outcome.error,
          finishedAt: new Date(),
          output: toJsonColumn({ changed: outcome.changed, result: outcome.output, calls: outcome.calls }),
        },
      });
      await options.onStep?.({ index: row.index, step, phase: "recorded", outcome });
      if (outcome.status === "failed") {
        await db.remediationJob.updateMany({
          where: { id: jobId, status: "running" },
          data: {
            status: "failed",
            error: `Step ${row.index + 1} (${step.title}) failed: ${outcome.error}`,
            finishedAt: new Date(),
          },
        });
        log(`job ${jobId}: step ${row.index + 1} failed: ${outcome.error}`);
        return "failed";
      }
      outputs.set(step.key, outcome.output);
    }
  } finally {
    if (!options.provider && provider instanceof RemediationClients) provider.destroy();
  }

  const toVerify = await db.remediationJob.updateMany({
    where: { id: jobId, status: { in: ["running", "verifying"] } },
    data: { status: "verifying" },
  });
  if (toVerify.count === 0) return "cancelled";
  const verification = await (options.verify ?? (plan.scope === "organization" ? verifyOrganizationFix : verifyFix))(
    job.accountId,
    job.requestedBy,
    log,
    plan.overrides,
  );
  const status = jobStatusAfter(verification);
  const done = await db.remediationJob.updateMany({
    where: { id: jobId, status: "verifying" },
    data: {
      status,
      verification: toJsonColumn(verification),
      failingAfter: verification.failing.map((f) => f.controlId),
      error:
        status === "failed"
          ? `Verification: ${verification.failing.map((f) => `${f.controlId} ${f.status}: ${f.reason}`).join("; ")}`
          : null,
      finishedAt: new Date(),
    },
  });
  return done.count === 0 ? "cancelled" : status;
}
