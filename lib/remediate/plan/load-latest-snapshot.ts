// The newest snapshot of an account: what every plan is computed from (lib/collect/latest-snapshot.ts),
// or why there is none to plan from.
import "server-only";
import { findLatestSnapshot, type LatestSnapshot } from "@/lib/collect/latest-snapshot";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export async function loadLatestSnapshot(accountId: string): Promise<LatestSnapshot> {
  const account = await db.awsAccount.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new NotFoundError(`Account ${accountId} is not known to Trailwarden (run a collection first)`);
  const snapshot = await findLatestSnapshot(accountId);
  if (!snapshot)
    throw new NotFoundError(`Account ${accountId} has not been collected yet: collect it before planning a fix`);
  return snapshot;
}
