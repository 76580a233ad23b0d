// Hands a remediation job to the background queue "remediate". The queue's name, payload and policy
// live here, below the job runner (lib/jobs/remediation-job.ts registers the handler), so that
// applying and retrying a plan never import the runner that imports them back. The queue is
// "exclusive" with the account id as singletonKey: one remediation per account queued or running.
// Durable: a worker that dies mid-apply is detected by the heartbeat and the job is retried.
import { z } from "zod";
import type { JobQueuePolicy } from "@/lib/queue/job-definition";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";

export const REMEDIATION_JOB = "remediate";

export const remediationPayload = z.object({
  jobId: z.uuid(),
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
});
export type RemediationPayload = z.infer<typeof remediationPayload>;

export const REMEDIATION_QUEUE_POLICY: JobQueuePolicy = {
  policy: "exclusive",
  retryLimit: 5,
  retryDelay: 15,
  retryBackoff: true,
  expireInSeconds: 3600,
  heartbeatSeconds: 30,
  deleteAfterSeconds: 14 * 86_400,
};

/** Queues a job the database already marked "queued" (see apply-remediation.ts). */
export async function enqueueRemediation(jobId: string, accountId: string): Promise<void> {
  const boss = await getBoss();
  await ensureQueue(boss, REMEDIATION_JOB, REMEDIATION_QUEUE_POLICY);
  // null: a job for this account is already queued or active; the database check already refused
  // a second remediation, so that one is this job's earlier send (a retry) and will pick it up.
  await boss.send(REMEDIATION_JOB, { jobId, accountId } satisfies RemediationPayload, { singletonKey: accountId });
}
