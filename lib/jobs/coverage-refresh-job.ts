// Job "coverage-refresh": brings the coverage rollups and gaps of stale accounts up to date. Sent
// after every collection run (collect-job.ts), so the coverage report, which is a GET and only
// reads, finds them current. Idempotent: only accounts whose rows are older than their snapshots
// are rebuilt, each in one transaction; a second refresh finds nothing to do.
import { z } from "zod";
import { defineJob } from "@/lib/queue/job-definition";
import { ensureQueue, getBoss } from "@/lib/queue/pg-boss";

export const COVERAGE_REFRESH_JOB = "coverage-refresh";

export const coverageRefreshPayload = z.object({
  accountIds: z
    .array(z.string().regex(/^\d{12}$/))
    .max(10_000)
    .optional(),
});

export const coverageRefreshJob = defineJob({
  id: COVERAGE_REFRESH_JOB,
  schema: coverageRefreshPayload,
  // "stately": at most one queued and one running; refreshes asked for meanwhile fold into one.
  queue: { policy: "stately", retryLimit: 2, retryDelay: 60, expireInSeconds: 3600, deleteAfterSeconds: 86_400 },
  handle: async (payload, { log }) => {
    const { refreshCoverage } = await import("@/lib/coverage/rebuild-coverage");
    const result = await refreshCoverage(payload.accountIds);
    log(
      `coverage refresh: ${result.accounts} account(s) (${result.full} full, ${result.incremental} incremental) in ${Math.round(result.durationMs)} ms`,
    );
  },
});

/** Queues a refresh (every stale account when `accountIds` is omitted). */
export async function enqueueCoverageRefresh(accountIds?: string[]): Promise<void> {
  const boss = await getBoss();
  await ensureQueue(boss, COVERAGE_REFRESH_JOB, coverageRefreshJob.queue);
  await boss.send(COVERAGE_REFRESH_JOB, { accountIds } satisfies z.input<typeof coverageRefreshPayload>);
}
