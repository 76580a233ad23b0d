// Job "collect": one collection run. Sent by requestCollection (payload: the queued run's id) and
// by the cron schedule (TRAILWARDEN_COLLECT_CRON, default every 4 hours, UTC; payload without a
// run id). The run is fanned out as "collect-batch" jobs that every worker shares
// (lib/jobs/coordinate-run.ts). Idempotent: a scheduled job's run takes the job's own id, so a
// retry after a worker died resumes that run (accounts already stored are not collected again)
// instead of starting another; a finished run is not collected twice.
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/queue/job-definition";
import { COLLECT_JOB, COLLECT_QUEUE_POLICY, collectPayload } from "@/lib/queue/collect-queue";

export const collectJob = defineJob({
  id: COLLECT_JOB,
  schema: collectPayload,
  cron: () => getEnv().TRAILWARDEN_COLLECT_CRON,
  cronPayload: { trigger: "schedule" },
  queue: COLLECT_QUEUE_POLICY,
  handle: async (payload, { jobId, log }) => {
    const { coordinateRun } = await import("@/lib/jobs/coordinate-run");
    const runId = payload.runId ?? jobId;
    const status = await coordinateRun(
      { runId, trigger: payload.trigger, requestedBy: payload.requestedBy ?? null, accountIds: payload.accountIds },
      log,
    );
    // The record CloudTrail delivered since the last read: new digests of the accounts just read.
    if (status !== "error" && status !== "gone") {
      const { requestEvidenceRead } = await import("@/lib/jobs/request-evidence-read");
      await requestEvidenceRead({ accountIds: payload.accountIds, reason: `collection ${runId}` });
    }
    // The coverage report only reads rollups; rebuilding them is the worker's job, after each run.
    if (status !== "gone") {
      const { enqueueCoverageRefresh } = await import("@/lib/jobs/coverage-refresh-job");
      await enqueueCoverageRefresh();
    }
  },
});
