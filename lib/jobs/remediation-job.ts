// Job "remediate": applies one stored remediation plan (RemediationJob id), step by step within
// the mutating-call quota, then re-collects and verifies the account (lib/remediate/apply/run-remediation.ts).
// On demand only (no schedule); sent by lib/remediate/apply/enqueue-remediation.ts, which also holds
// the queue's policy. The handler resumes at the first unfinished step and every step is an
// "ensure", so nothing is created twice. A step that fails is recorded on the job (not thrown), so
// the queue does not retry it: the user retries from that step.
import { defineJob } from "@/lib/queue/job-definition";
import {
  REMEDIATION_JOB,
  REMEDIATION_QUEUE_POLICY,
  remediationPayload,
} from "@/lib/remediate/apply/enqueue-remediation";

export const remediationJob = defineJob({
  id: REMEDIATION_JOB,
  schema: remediationPayload,
  queue: REMEDIATION_QUEUE_POLICY,
  handle: async (payload, { log }) => {
    const [{ runRemediation }, { nextQueuedRemediation }] = await Promise.all([
      import("@/lib/remediate/apply/run-remediation"),
      import("@/lib/remediate/apply/next-queued-remediation"),
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
