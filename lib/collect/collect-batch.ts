// One batch of a collection run (job "collect-batch"), on whichever worker took it: the accounts
// of the batch still open in the run are claimed, collected, stored and evaluated with the run's
// concurrency; the batch that finishes the run's last account closes the run. A batch retried
// after its worker died skips the accounts already stored (each is counted once, by the statement
// that stores its snapshot), re-collects the one it was in the middle of, and evaluates any stored
// snapshot the dead worker had no time to evaluate.
import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";
import { finishRunIfDone } from "@/lib/collect/finish-run";
import { loadKnownRegions } from "@/lib/collect/load-known-regions";
import { RunContext, settingsFromEnv } from "@/lib/collect/run-context";
import { collectOne } from "@/lib/collect/run-collection";
import type { StoredSnapshot } from "@/lib/collect/store-snapshot";
import { getEnv } from "@/lib/config/env";
import { readSnapshotState } from "@/lib/collect/snapshot-json";

export interface CollectBatchInput {
  runId: string;
  accountIds: string[];
  organization: { id: string; managementAccountId: string } | null;
  onSnapshotStored?: (snapshot: StoredSnapshot) => Promise<void>;
  clientOptions?: Partial<ClientFactoryOptions>;
  /** Called between accounts (the job's heartbeat). */
  onProgress?: () => Promise<void>;
}

export interface CollectBatchResult {
  collected: number;
  skipped: number;
  runStatus: string | null;
}

export async function collectBatch(input: CollectBatchInput): Promise<CollectBatchResult> {
  const rows = await db.collectionRunAccount.findMany({
    where: { runId: input.runId, accountId: { in: input.accountIds } },
    select: { accountId: true, status: true, account: { select: { name: true } } },
  });
  const open = rows.filter((r) => r.status === "pending" || r.status === "running");
  await evaluateUnevaluated(
    input,
    rows.filter((r) => !open.includes(r)).map((r) => r.accountId),
  );
  const ctx = new RunContext(settingsFromEnv(getEnv()), input.clientOptions);
  let collected = 0;
  try {
    if (open.length > 0) {
      await ctx.init();
      ctx.organization = input.organization;
      const known = await db.awsAccount.findMany({
        where: { removedAt: null },
        select: { id: true, name: true, isManagement: true },
      });
      for (const a of known) ctx.orgAccounts.set(a.id, a);
      await loadKnownRegions(
        ctx,
        open.map((r) => r.accountId),
      );
      const limit = pLimit(ctx.settings.concurrency);
      await Promise.all(
        open.map((r) =>
          limit(async () => {
            const { stored } = await collectOne(ctx, input.runId, { id: r.accountId, name: r.account.name });
            if (stored && input.onSnapshotStored) await input.onSnapshotStored(stored);
            collected += 1;
            await input.onProgress?.();
          }),
        ),
      );
    }
  } finally {
    ctx.destroy();
  }
  return { collected, skipped: rows.length - open.length, runStatus: await finishRunIfDone(input.runId) };
}

/** Snapshots of this run stored by a worker that died before evaluating them. */
async function evaluateUnevaluated(input: CollectBatchInput, accountIds: string[]): Promise<void> {
  if (!input.onSnapshotStored || accountIds.length === 0) return;
  const missing = await db.snapshot.findMany({
    where: { runId: input.runId, accountId: { in: accountIds }, controlResults: { none: {} } },
    select: { id: true, runId: true, accountId: true, collectedAt: true, status: true, error: true, state: true },
  });
  for (const s of missing)
    await input.onSnapshotStored({
      ...s,
      status: s.status as StoredSnapshot["status"],
      state: readSnapshotState(s),
    });
}
