// The newest snapshot of an account, and the newest of every account: the one query every reader
// (planning, verification, alerts, the account page) uses. "Holding state" leaves out snapshots
// whose collection failed outright (status "error"), which carry no AWS state worth judging.
import "server-only";
import { readSnapshotErrors, readSnapshotState } from "@/lib/collect/snapshot-json";
import type { AccountSnapshotState, CollectionError } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface LatestSnapshotOptions {
  /** Only snapshots whose collection succeeded at least in part (status ok or partial). */
  holdingState?: boolean;
  /** Only snapshots collected strictly before this time. */
  before?: Date;
}

export interface LatestSnapshot {
  id: string;
  status: string;
  collectedAt: Date;
  state: AccountSnapshotState;
  errors: CollectionError[];
}

const HOLDING_STATE = ["ok", "partial"];

export async function findLatestSnapshot(
  accountId: string,
  options: LatestSnapshotOptions = {},
): Promise<LatestSnapshot | null> {
  const row = await db.snapshot.findFirst({
    where: {
      accountId,
      ...(options.holdingState ? { status: { in: HOLDING_STATE } } : {}),
      ...(options.before ? { collectedAt: { lt: options.before } } : {}),
    },
    orderBy: { collectedAt: "desc" },
    select: { id: true, status: true, collectedAt: true, state: true, errors: true },
  });
  if (!row) return null;
  return { ...row, state: readSnapshotState(row), errors: readSnapshotErrors(row) };
}

/** The stored raw responses of one snapshot (large: read only for the raw-response viewer). */
export async function snapshotRaw(snapshotId: string): Promise<unknown> {
  const row = await db.snapshot.findUnique({ where: { id: snapshotId }, select: { raw: true } });
  return row?.raw ?? {};
}

/** The newest snapshot state of every account still in the organization, with the account's name. */
export async function latestAccountStates(
  options: LatestSnapshotOptions & { exceptAccountId?: string } = {},
): Promise<{ accountId: string; name: string; state: AccountSnapshotState }[]> {
  const holding = options.holdingState ? Prisma.sql`AND s.status <> 'error'` : Prisma.empty;
  const except = options.exceptAccountId ? Prisma.sql`AND s.account_id <> ${options.exceptAccountId}` : Prisma.empty;
  const before = options.before ? Prisma.sql`AND s.collected_at < ${options.before}` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string; account_id: string; name: string; state: unknown }[]>`
    SELECT DISTINCT ON (s.account_id) s.id, s.account_id, a.name, s.state
    FROM snapshots s JOIN aws_accounts a ON a.id = s.account_id
    WHERE a.removed_at IS NULL ${holding} ${except} ${before}
    ORDER BY s.account_id, s.collected_at DESC`;
  return rows.map((r) => ({ accountId: r.account_id, name: r.name, state: readSnapshotState(r) }));
}
