// The newest snapshot of an account: what every plan is computed from.
import "server-only";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { readSnapshotState } from "@/lib/collect/snapshot-json";

export interface LatestSnapshot {
  id: string;
  status: string;
  collectedAt: Date;
  state: AccountSnapshotState;
}

export async function loadLatestSnapshot(accountId: string): Promise<LatestSnapshot> {
  const account = await db.awsAccount.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new NotFoundError(`Account ${accountId} is not known to Trailwarden (run a collection first)`);
  const snapshot = await db.snapshot.findFirst({
    where: { accountId },
    orderBy: { collectedAt: "desc" },
    select: { id: true, status: true, collectedAt: true, state: true },
  });
  if (!snapshot)
    throw new NotFoundError(`Account ${accountId} has not been collected yet: collect it before planning a fix`);
  return {
    id: snapshot.id,
    status: snapshot.status,
    collectedAt: snapshot.collectedAt,
    state: readSnapshotState(snapshot),
  };
}
