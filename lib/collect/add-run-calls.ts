// The calls per operation of a run (collection_runs.api_calls_by_op) are a sum over everything
// that worked on it: the planner's discovery and Security Hub reads, and each batch's accounts on
// whichever worker. Each adds its own calls to the row; the sums below read the row being updated
// (not a snapshot taken before), so concurrent additions never overwrite each other.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

/** SET clauses adding `delta` to api_calls_by_op and keeping api_calls at least its sum. */
export function addCallsSql(delta: Record<string, number>, floor = 0): Prisma.Sql {
  const json = JSON.stringify(delta);
  const added = Object.values(delta).reduce((a, b) => a + b, 0);
  return Prisma.sql`
    api_calls_by_op = COALESCE((
      SELECT jsonb_object_agg(key, total ORDER BY key) FROM (
        SELECT key, sum(value::bigint) AS total FROM (
          SELECT * FROM jsonb_each_text(collection_runs.api_calls_by_op)
          UNION ALL SELECT * FROM jsonb_each_text(${json}::jsonb)) x
        GROUP BY key) y), '{}'::jsonb),
    api_calls = GREATEST(collection_runs.api_calls, ${floor},
      (SELECT COALESCE(sum(value::bigint), 0) FROM jsonb_each_text(collection_runs.api_calls_by_op))::int + ${added})`;
}

/** Adds calls made for a run outside its accounts' snapshots (the planner's reads). */
export async function addRunCalls(runId: string, delta: Record<string, number>): Promise<void> {
  if (Object.keys(delta).length === 0) return;
  await db.$executeRaw`UPDATE collection_runs SET ${addCallsSql(delta)} WHERE id = ${runId}::uuid`;
}
