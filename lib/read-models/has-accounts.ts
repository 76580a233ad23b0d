import "server-only";
import { db } from "@/lib/db";

/** False until the first collection has discovered an account: pages show the set-up guide. */
export async function hasAccounts(): Promise<boolean> {
  return (await db.awsAccount.findFirst({ where: { removedAt: null }, select: { id: true } })) !== null;
}
