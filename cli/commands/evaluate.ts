// `trailwarden evaluate [--since YYYY-MM-DD]`: re-evaluates stored snapshots with the current
// evaluator, oldest first (so stale and "passing since" context is rebuilt in order).
import { UsageError } from "@/cli/run-command";
import { recordAuditEvent, cliPrincipal } from "@/lib/audit/record-audit-event";
import { EVALUATOR_VERSION } from "@/lib/controls/evaluate-account";
import { evaluateAndStore } from "@/lib/controls/store-results";
import { db } from "@/lib/db";
import { ensureDatabase } from "@/lib/db/database";

const BATCH = 500;

export async function run(options: { since?: string }): Promise<number> {
  let since: Date | undefined;
  if (options.since) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || Number.isNaN(Date.parse(options.since))) {
      throw new UsageError(`--since must be a date as YYYY-MM-DD, got "${options.since}"`);
    }
    since = new Date(`${options.since}T00:00:00Z`);
  }
  const database = await ensureDatabase();
  try {
    const started = Date.now();
    let done = 0;
    let cursor: { collectedAt: Date; id: string } | undefined;
    for (;;) {
      const page: { id: string; collectedAt: Date }[] = await db.snapshot.findMany({
        where: {
          ...(since ? { collectedAt: { gte: since } } : {}),
          ...(cursor
            ? {
                OR: [
                  { collectedAt: { gt: cursor.collectedAt } },
                  { collectedAt: cursor.collectedAt, id: { gt: cursor.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ collectedAt: "asc" }, { id: "asc" }],
        take: BATCH,
        select: { id: true, collectedAt: true },
      });
      if (page.length === 0) break;
      for (const s of page) await evaluateAndStore(s.id);
      done += page.length;
      cursor = page[page.length - 1];
      console.log(`re-evaluated ${done} snapshots...`);
    }
    await recordAuditEvent({
      actor: cliPrincipal(),
      action: "evaluation.rerun",
      details: { since: options.since ?? null, snapshots: done, evaluatorVersion: EVALUATOR_VERSION },
    });
    console.log(
      `Re-evaluated ${done} snapshots with evaluator ${EVALUATOR_VERSION} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await database.stop();
  }
}
