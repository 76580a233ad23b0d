// One batch of a watch round (job "watch-batch"): checks each account (check-account.ts) with the
// collection's concurrency, stores what it saw, asks for an immediate collection of every account
// where something that can move a verdict changed, and counts the batch on its round exactly once
// (a batch retried after its worker died re-checks its accounts, which is harmless, but is not
// counted again). One account's failure (AccessDenied, throttling) is recorded on its WatchState
// and never stops the others.
import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { requestCollection } from "@/lib/queue/request-collection";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";
import { classifyError } from "@/lib/aws/classify-error";
import { checkAccount } from "@/lib/watch/check-account";
import { loadWatchBaselines } from "@/lib/watch/load-watch-baselines";
import { storeWatchStates, type WatchStateWrite } from "@/lib/watch/store-watch-states";
import { watchContext } from "@/lib/watch/watch-context";

export interface WatchBatchInput {
  roundId: string;
  index: number;
  accountIds: string[];
  clientOptions?: Partial<ClientFactoryOptions>;
  log?: (line: string) => void;
}

export interface WatchBatchResult {
  checked: number;
  changed: { accountId: string; changes: string[] }[];
  failed: number;
  calls: number;
  runId: string | null;
}

export async function runWatchBatch(input: WatchBatchInput): Promise<WatchBatchResult> {
  const log = input.log ?? (() => undefined);
  const ctx = await watchContext(input.clientOptions);
  const baselines = await loadWatchBaselines(input.accountIds);
  const limit = pLimit(ctx.settings.concurrency);
  const writes: WatchStateWrite[] = [];
  const changed: WatchBatchResult["changed"] = [];
  let organizationWide = false;
  let failed = 0;
  let calls = 0;
  await Promise.all(
    baselines.map((b) =>
      limit(async () => {
        try {
          const check = await checkAccount(ctx, {
            accountId: b.accountId,
            trails: b.trails,
            watermarks: b.watermarks,
            since: b.collectedAt,
          });
          calls += check.calls;
          if (check.changes.length > 0) changed.push({ accountId: b.accountId, changes: check.changes });
          organizationWide ||= check.organizationWide;
          writes.push({ ...check, snapshotId: b.snapshotId, changed: check.changes.length > 0 });
        } catch (err) {
          failed += 1;
          const c = classifyError(err);
          // Keep the baseline: the next round compares with what was last seen, not with nothing.
          writes.push({
            accountId: b.accountId,
            snapshotId: b.snapshotId,
            trails: b.trails,
            watermarks: b.watermarks,
            calls: 0,
            changed: false,
            error: `${c.code}: ${c.message}`,
          });
        }
      }),
    ),
  );
  await storeWatchStates(writes);
  let runId: string | null = null;
  if (changed.length > 0) {
    for (const c of changed) log(`watch: ${c.accountId}: ${c.changes.join("; ")}`);
    runId = (
      await requestCollection({
        trigger: "watch",
        requestedBy: `watch round ${input.roundId}`,
        // The organization trail changed: every member's verdicts may move, so all are collected.
        accountIds: organizationWide ? undefined : changed.map((c) => c.accountId),
      })
    ).runId;
  }
  // Counted once: the batch's index joins done_batches in the same statement that adds its numbers.
  await db.$executeRaw`
    UPDATE watch_rounds
       SET accounts_done = accounts_done + ${baselines.length}, failed = failed + ${failed},
           api_calls = api_calls + ${calls}, changed = changed || ${changed.map((c) => c.accountId)}::text[],
           batches_done = batches_done + 1, done_batches = array_append(done_batches, ${input.index}),
           status = CASE WHEN batches_done + 1 >= batches_total
                         THEN CASE WHEN failed + ${failed} > 0 THEN 'partial' ELSE 'ok' END ELSE status END,
           finished_at = CASE WHEN batches_done + 1 >= batches_total THEN now() AT TIME ZONE 'UTC' ELSE finished_at END
     WHERE id = ${input.roundId}::uuid AND NOT (${input.index} = ANY(done_batches))`;
  return { checked: baselines.length, changed, failed, calls, runId };
}
