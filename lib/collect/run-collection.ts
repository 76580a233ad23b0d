// One collection run over the organization (or some of its accounts), in this process: the CLI
// runs it directly, the worker runs it for a queued job (lib/jobs/collect-job.ts).
//
// Accounts are collected with bounded concurrency (TRAILWARDEN_COLLECT_CONCURRENCY); each is
// claimed first so two runs never collect one account at once; each gets one appended snapshot
// whatever happened to it, and one failing account never stops the others. Security Hub's
// aggregated findings are read beside the accounts; evaluation (`onSnapshotStored`) waits for them,
// so the first verdicts of a run already show Security Hub's current word.
import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";
import { takeUnflushedByOp } from "@/lib/collect/call-recorder";
import { claimAccount, skipAccount } from "@/lib/collect/claim-account";
import { collectAccount, type AccountOutcome } from "@/lib/collect/collect-account";
import { ingestSecurityHub, type SecurityHubIngest } from "@/lib/collect/ingest-securityhub";
import { loadKnownRegions } from "@/lib/collect/load-known-regions";
import { openRun, scopeRun, TERMINAL, type ScopedAccount } from "@/lib/collect/prepare-run";
import { RunContext, settingsFromEnv, type CollectionSettings } from "@/lib/collect/run-context";
import { SNAPSHOT_SCHEMA_VERSION } from "@/lib/collect/snapshot-types";
import { archiveUnseenFindings, storeFindings } from "@/lib/collect/store-findings";
import { storeSnapshot, type StoredSnapshot } from "@/lib/collect/store-snapshot";
import { getEnv } from "@/lib/config/env";
import { collectSession } from "@/lib/aws/session-identity";
import type { CollectionStatus } from "@/lib/statuses";

export interface RunCollectionOptions {
  /** A queued run (requestCollection); otherwise a new run is created. */
  runId?: string;
  /** With runId: create the run under that id if it does not exist (scheduled jobs). */
  createIfMissing?: boolean;
  trigger?: string;
  requestedBy?: string | null;
  /** Only these accounts (default: every active account discovered). */
  accountIds?: string[];
  settings?: CollectionSettings;
  /** Test and benchmark knobs for the SDK clients (e.g. shorter backoff). */
  clientOptions?: Partial<ClientFactoryOptions>;
  /** Called after each snapshot is stored (the evaluator's hook: lib/controls/store-results.ts). */
  onSnapshotStored?: (snapshot: StoredSnapshot) => Promise<void>;
  /** Told as each account finishes (CLI progress). */
  onAccountDone?: (account: AccountSummary, done: number, total: number) => void;
  log?: (line: string) => void;
}

export interface AccountSummary {
  accountId: string;
  name: string;
  status: CollectionStatus | "skipped";
  error: string | null;
  apiCalls: number;
  snapshotId?: string;
}

export interface RunSummary {
  runId: string;
  status: CollectionStatus;
  accountsTotal: number;
  counts: { ok: number; partial: number; error: number; skipped: number };
  durationMs: number;
  apiCalls: number;
  apiCallsByOp: Record<string, number>;
  attempts: number;
  retries: number;
  throttled: number;
  securityHub: SecurityHubIngest | null;
  accounts: AccountSummary[];
  error: string | null;
}

const HOOK_CONCURRENCY = 4;

function crashOutcome(ctx: RunContext, account: ScopedAccount, err: unknown): AccountOutcome {
  // A bug must not cost the account its snapshot: record it as what failed.
  const message = err instanceof Error ? err.message : String(err);
  const errors = [
    { service: "trailwarden", operation: "collectAccount", kind: "other" as const, code: "InternalError", message },
  ];
  const now = new Date();
  return {
    accountId: account.id,
    status: "error",
    error: `Internal error while collecting: ${message}`,
    collectedAt: now,
    state: {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      accountId: account.id,
      partition: ctx.hub.partition,
      collectedAt: now.toISOString(),
      regions: [],
      trails: [],
      eventDataStores: null,
      buckets: {},
      logGroups: {},
      organization: ctx.organization,
      errors,
    },
    raw: {},
    shared: [],
    apiCalls: 0,
    findings: null,
  };
}

export async function runCollection(options: RunCollectionOptions = {}): Promise<RunSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const run = await openRun(options);
  const empty = { ok: 0, partial: 0, error: 0, skipped: 0 };
  if (TERMINAL.has(run.status)) {
    return {
      runId: run.id,
      status: run.status as RunSummary["status"],
      accountsTotal: 0,
      counts: empty,
      durationMs: 0,
      apiCalls: 0,
      apiCallsByOp: {},
      attempts: 0,
      retries: 0,
      throttled: 0,
      securityHub: null,
      accounts: [],
      error: "run already finished",
    };
  }
  const ctx = new RunContext(
    options.settings ?? settingsFromEnv(getEnv()),
    options.clientOptions,
    collectSession(run.id),
  );
  const accounts: AccountSummary[] = [];
  const notes: string[] = [];
  let securityHub: SecurityHubIngest | null = null;
  let fatal: string | null = null;
  let degraded = false; // something besides accounts failed (discovery fallback, Security Hub, evaluation)
  let total = 0;
  try {
    await ctx.init();
    const scope = await scopeRun(ctx, run);
    notes.push(...scope.notes);
    degraded ||= scope.degraded;
    await loadKnownRegions(
      ctx,
      scope.pending.map((a) => a.id),
    );
    total = scope.total;
    log(
      `Discovered ${scope.known} account(s) in ${Date.now() - started} ms; collecting ${scope.pending.length} with concurrency ${ctx.settings.concurrency}`,
    );

    const shIngest =
      scope.pending.length > 0
        ? ingestSecurityHub(ctx, run.accountIds.length > 0 ? scope.pending.map((a) => a.id) : null)
        : Promise.resolve(null);
    const hookLimit = pLimit(HOOK_CONCURRENCY);
    const hookFailures: string[] = [];
    const hooks: Promise<void>[] = [];
    const limit = pLimit(ctx.settings.concurrency);
    let done = total - scope.pending.length;

    await Promise.all(
      scope.pending.map((account) =>
        limit(async () => {
          const summary = await collectOne(ctx, run.id, account).catch((err: unknown) => ({
            // Storing failed (the database went away?): the account has no snapshot from this run.
            account: {
              accountId: account.id,
              name: account.name,
              status: "error" as const,
              error: `Could not store the snapshot: ${(err as Error).message}`,
              apiCalls: 0,
            },
            stored: null,
          }));
          accounts.push(summary.account);
          done += 1;
          options.onAccountDone?.(summary.account, done, total);
          if (summary.stored && options.onSnapshotStored) {
            const stored = summary.stored;
            hooks.push(
              shIngest.then(() =>
                hookLimit(() => options.onSnapshotStored!(stored)).catch((err: unknown) => {
                  hookFailures.push(`${stored.accountId}: ${(err as Error).message}`);
                }),
              ),
            );
          }
        }),
      ),
    );
    securityHub = await shIngest;
    if (securityHub?.error) {
      notes.push(securityHub.error);
      degraded = true;
    }
    await Promise.all(hooks);
    if (hookFailures.length > 0) {
      notes.push(`Evaluation failed for ${hookFailures.length} snapshot(s), first: ${hookFailures[0]}`);
      degraded = true;
    }
  } catch (err) {
    fatal = err instanceof Error ? err.message : String(err);
    log(`Collection failed: ${fatal}`);
  } finally {
    ctx.destroy();
  }

  const counts = { ...empty };
  for (const a of accounts) counts[a.status] += 1;
  const collected = counts.ok + counts.partial + counts.error;
  // Failed entirely: it could not start, every account failed, or none of the asked-for ones exist.
  const nothingToDo = total === 0 && run.accountIds.length > 0;
  const status: RunSummary["status"] =
    fatal || nothingToDo || (collected > 0 && counts.error === collected)
      ? "error"
      : counts.partial + counts.error > 0 || degraded
        ? "partial"
        : "ok";
  const error = [fatal, ...notes].filter(Boolean).join("\n") || null;
  const durationMs = Date.now() - started;
  await db.collectionRun.update({
    where: { id: run.id },
    data: {
      status,
      error,
      finishedAt: new Date(),
      durationMs,
      apiCalls: ctx.stats.calls,
      apiCallsByOp: ctx.stats.byOp,
      accountsTotal: total,
    },
  });
  log(
    `Run ${run.id} ${status} in ${durationMs} ms: ${counts.ok} ok, ${counts.partial} partial, ${counts.error} error, ${counts.skipped} skipped`,
  );
  return {
    runId: run.id,
    status,
    accountsTotal: total,
    counts,
    durationMs,
    apiCalls: ctx.stats.calls,
    apiCallsByOp: ctx.stats.byOp,
    attempts: ctx.stats.attempts,
    retries: ctx.stats.retries,
    throttled: ctx.stats.throttled,
    securityHub,
    accounts: accounts.sort((a, b) => a.accountId.localeCompare(b.accountId)),
    error,
  };
}

/** Claim, collect, store one account; never throws for the account's own failures (also used by collect-batch.ts). */
export async function collectOne(
  ctx: RunContext,
  runId: string,
  account: ScopedAccount,
): Promise<{ account: AccountSummary; stored: StoredSnapshot | null }> {
  const claim = await claimAccount(runId, account.id);
  if (!claim.claimed) {
    const reason = `being collected by run ${claim.heldByRunId ?? "(another run)"}`;
    await skipAccount(runId, account.id, reason);
    return {
      account: { accountId: account.id, name: account.name, status: "skipped", error: reason, apiCalls: 0 },
      stored: null,
    };
  }
  const outcome = await collectAccount(ctx, { id: account.id, name: account.name, isManagement: false })
    .catch((err: unknown) => crashOutcome(ctx, account, err))
    .finally(() => ctx.clients.release(account.id));
  const stored = await storeSnapshot(runId, outcome, ctx.stats.calls, takeUnflushedByOp(ctx.stats));
  if (outcome.findings) {
    const seenAt = outcome.collectedAt;
    await storeFindings(outcome.findings.items, seenAt);
    if (outcome.findings.regionsRead.length > 0)
      await archiveUnseenFindings({ accountIds: [account.id], regions: outcome.findings.regionsRead }, seenAt);
  }
  return {
    account: {
      accountId: account.id,
      name: account.name,
      status: outcome.status,
      error: outcome.error,
      apiCalls: outcome.apiCalls,
      snapshotId: stored.id,
    },
    stored,
  };
}
