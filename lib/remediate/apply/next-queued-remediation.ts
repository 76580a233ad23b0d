// The oldest job of an account that is queued in the database but has no job in the queue (its
// send found the account's singleton slot taken by an earlier, since cancelled job). The worker
// runs it right after the job it was serving for that account.
import "server-only";
import { db } from "@/lib/db";

export async function nextQueuedRemediation(accountId: string, after: Set<string>): Promise<string | null> {
  const next = await db.remediationJob.findFirst({
    where: { accountId, mode: "apply", status: "queued", id: { notIn: [...after] } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return next?.id ?? null;
}
