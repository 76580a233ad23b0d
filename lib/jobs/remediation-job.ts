// Job "remediate": applies one stored remediation plan (RemediationJob id), step by step within
// the mutating-call quota, then re-collects and verifies the account (lib/remediate/run-remediation.ts).
// On demand only (no schedule). Durable: a worker that dies mid-apply is detected by the heartbeat
// and the job is retried; the handler resumes at the first unfinished step and every step is an
// "ensure", so nothing is created twice. A step that fails is recorded on the job (not thrown), so
// the queue does not retry it: the user retries from that step. The queue is "exclusive" with the
// account id as singletonKey: one remediation per account queued or running.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";
import { ensureQueue, getBoss } from "@/lib/jobs/queue";

export const REMEDIATION_JOB = "remediate";

export const remediationPayload = z.object({
  jobId: z.uuid(),
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
});
export type RemediationPayload = z.infer<typeof remediationPayload>;

export const remediationJob = defineJob({
  id: REMEDIATION_JOB,
  schema: remediationPayload,
  queue: {
    policy: "exclusive",
    retryLimit: 5,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 3600,
    heartbeatSeconds: 30,
    deleteAfterSeconds: 14 * 86_400,
  },
  handle: async (payload, { log }) => {
    const [{ runRemediation }, { nextQueuedRemediation }] = await Promise.all([
      import("@/lib/remediate/run-remediation"),
      import("@/lib/remediate/next-queued-remediation"),
    ]);
    const done = new Set<string>();
    let next: string | null = payload.jobId;
    while (next) {
      const status = await runRemediation(next, { log });
      log(`remediate ${next} (account ${payload.accountId}): ${status}`);
      done.add(next);
      next = await nextQueuedRemediation(payload.accountId, done);
    }
  },
});

/** Queues a job the database already marked "queued" (see lib/remediate/apply-remediation.ts). */
export async function enqueueRemediation(jobId: string, accountId: string): Promise<void> {
  const boss = await getBoss();
  await ensureQueue(boss, REMEDIATION_JOB, remediationJob.queue);
  // null: a job for this account is already queued or active; the database check already refused
  // a second remediation, so that one is this job's earlier send (a retry) and will pick it up.
  await boss.send(REMEDIATION_JOB, { jobId, accountId } satisfies RemediationPayload, { singletonKey: accountId });
}
