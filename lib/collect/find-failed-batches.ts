// The batch jobs of a run that pg-boss failed for good (state "failed": retries exhausted, after
// errors or after workers that died holding them), read from pg-boss's own table so that a batch
// whose worker never came back to report is found too.
import "server-only";
import { db } from "@/lib/db";
import type { FailedBatch } from "@/lib/collect/fail-batch";

interface Row {
  data: { index?: number; accountIds?: string[] } | null;
  output: { message?: string; value?: { message?: string } } | null;
  retry_count: number;
}

export async function findFailedBatches(runId: string, queue: string): Promise<FailedBatch[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT data, output, retry_count FROM pgboss.job
     WHERE name = ${queue} AND state = 'failed' AND data->>'runId' = ${runId}`;
  return rows.map((r) => ({
    index: r.data?.index ?? 0,
    accountIds: r.data?.accountIds ?? [],
    attempts: r.retry_count + 1,
    reason: oneLine(r.output?.message ?? r.output?.value?.message ?? "the job failed (its worker stopped answering)"),
  }));
}

/** Errors (Prisma's above all) come over several lines: one line, short enough for a status column. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
