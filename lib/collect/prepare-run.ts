// The start of a run: its CollectionRun row (created, or the queued one requestCollection made),
// discovery written to aws_accounts, and the run's scope as CollectionRunAccount rows. A run
// picked up again after its worker died resumes: accounts already finished are not collected twice.
import "server-only";
import { db } from "@/lib/db";
import { discoverAccounts, type Discovery } from "@/lib/collect/discover-accounts";
import type { RunContext } from "@/lib/collect/run-context";
import { storeAccounts } from "@/lib/collect/store-accounts";

export interface RunRow {
  id: string;
  trigger: string;
  requestedBy: string | null;
  accountIds: string[];
  status: string;
  startedAt: Date | null;
}

export const TERMINAL = new Set(["ok", "partial", "error"]);

export interface OpenRunOptions {
  runId?: string;
  /** With runId: create the run under that id when it does not exist (a scheduled job's id). */
  createIfMissing?: boolean;
  trigger?: string;
  requestedBy?: string | null;
  accountIds?: string[];
}

export async function openRun(options: OpenRunOptions): Promise<RunRow> {
  const select = {
    id: true,
    trigger: true,
    requestedBy: true,
    accountIds: true,
    status: true,
    startedAt: true,
  } as const;
  const create = (id?: string) =>
    db.collectionRun.create({
      data: {
        id,
        trigger: options.trigger ?? "cli",
        requestedBy: options.requestedBy ?? null,
        accountIds: options.accountIds ?? [],
        status: "running",
        startedAt: new Date(),
      },
      select,
    });
  if (options.runId) {
    const run = await db.collectionRun.findUnique({ where: { id: options.runId }, select });
    if (!run) {
      if (options.createIfMissing) return create(options.runId);
      throw new Error(`Collection run ${options.runId} does not exist`);
    }
    if (TERMINAL.has(run.status)) return run;
    return db.collectionRun.update({
      where: { id: run.id },
      data: { status: "running", startedAt: run.startedAt ?? new Date() },
      select,
    });
  }
  return create();
}

export interface ScopedAccount {
  id: string;
  name: string;
}

export interface RunScope {
  discovery: Discovery | null;
  /** Accounts of this run still to collect (all of them, unless resuming). */
  pending: ScopedAccount[];
  /** Accounts known to the run (discovered, or from the last discovery). */
  known: number;
  total: number;
  notes: string[];
  /** Discovery failed and the last known accounts were used. */
  degraded: boolean;
}

/** Discovers (or falls back to the last known accounts), fills the run context, creates the run's rows. */
export async function scopeRun(ctx: RunContext, run: RunRow): Promise<RunScope> {
  const notes: string[] = [];
  let degraded = false;
  let discovery: Discovery | null = null;
  let known: { id: string; name: string; status: string; isManagement: boolean }[];
  try {
    discovery = await discoverAccounts(ctx);
    const stored = await storeAccounts(discovery);
    if (stored.markedLeft > 0)
      notes.push(`${stored.markedLeft} account(s) no longer in the organization were marked LEFT`);
    known = discovery.accounts;
    ctx.organization = discovery.organization;
  } catch (err) {
    if ((err as Error).name !== "DiscoveryError") throw err;
    // Discovery refused (e.g. AccessDenied on Organizations): collect what the last discovery found
    // rather than nothing, and say so on the run.
    known = await db.awsAccount.findMany({
      where: { removedAt: null },
      select: { id: true, name: true, status: true, isManagement: true },
    });
    notes.push(
      `Discovery failed (${(err as Error).message}); collected the ${known.length} account(s) known from the last discovery`,
    );
    degraded = true;
  }
  for (const a of known) ctx.orgAccounts.set(a.id, { id: a.id, name: a.name, isManagement: a.isManagement });

  const active = known.filter((a) => a.status === "ACTIVE");
  let scope = active;
  if (run.accountIds.length > 0) {
    const wanted = new Set(run.accountIds);
    scope = active.filter((a) => wanted.has(a.id));
    const missing = run.accountIds.filter((id) => !scope.some((a) => a.id === id));
    if (missing.length > 0)
      notes.push(`Not collected (not an active account of the organization): ${missing.join(", ")}`);
  }
  await db.collectionRunAccount.createMany({
    data: scope.map((a) => ({ runId: run.id, accountId: a.id })),
    skipDuplicates: true,
  });
  await db.collectionRun.update({ where: { id: run.id }, data: { accountsTotal: scope.length } });
  const open = await db.collectionRunAccount.findMany({
    where: { runId: run.id, status: { in: ["pending", "running"] } },
    select: { accountId: true },
  });
  const openIds = new Set(open.map((r) => r.accountId));
  // The management account first: members wait on its organization trail, which it reads anyway.
  const pending = scope
    .filter((a) => openIds.has(a.id))
    .sort((a, b) => Number(b.isManagement) - Number(a.isManagement))
    .map((a) => ({ id: a.id, name: a.name }));
  return { discovery, pending, known: known.length, total: scope.length, notes, degraded };
}
