// Writes a discovery to aws_accounts in two statements (a thousand accounts in one round trip).
// Accounts are never deleted: one that left the organization (or the static list) becomes LEFT,
// a suspended or closing one keeps its Organizations state; both get removedAt, and an account
// that comes back ACTIVE has it cleared. Their snapshots and verdicts stay.
// Times go in as ISO strings cast to `timestamp`: the columns hold UTC without a zone (Prisma's
// convention), and a string cast never depends on the session's TimeZone.
import "server-only";
import { db } from "@/lib/db";
import type { Discovery } from "@/lib/collect/discover-accounts";

const OUT_OF_SERVICE = ["SUSPENDED", "PENDING_CLOSURE", "CLOSED"];

export interface StoredAccounts {
  upserted: number;
  markedLeft: number;
}

export async function storeAccounts(discovery: Discovery, now = new Date()): Promise<StoredAccounts> {
  const a = discovery.accounts;
  const isStatic = discovery.source === "static";
  if (a.length > 0) {
    await db.$executeRawUnsafe(
      `INSERT INTO aws_accounts (id, name, email, ou_path, status, is_management, joined_at, first_seen_at, last_seen_at, removed_at)
       SELECT id, name, email, ou_path, status, is_management, joined_at::timestamp, $8::timestamp, $8::timestamp,
              CASE WHEN status = ANY($9::text[]) THEN $8::timestamp ELSE NULL END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
              AS t(id, name, email, ou_path, status, is_management, joined_at)
       ON CONFLICT (id) DO UPDATE SET
         -- a static list knows ids only: keep the name and OU path an earlier discovery found
         name = CASE WHEN $10 AND EXCLUDED.name = EXCLUDED.id THEN aws_accounts.name ELSE EXCLUDED.name END,
         email = COALESCE(EXCLUDED.email, aws_accounts.email),
         ou_path = CASE WHEN $10 AND EXCLUDED.ou_path = '' THEN aws_accounts.ou_path ELSE EXCLUDED.ou_path END,
         status = EXCLUDED.status,
         is_management = EXCLUDED.is_management OR ($10 AND aws_accounts.is_management),
         joined_at = COALESCE(EXCLUDED.joined_at, aws_accounts.joined_at),
         last_seen_at = EXCLUDED.last_seen_at,
         removed_at = CASE WHEN EXCLUDED.status = ANY($9::text[]) THEN COALESCE(aws_accounts.removed_at, EXCLUDED.last_seen_at) ELSE NULL END`,
      a.map((x) => x.id),
      a.map((x) => x.name),
      a.map((x) => x.email ?? null),
      a.map((x) => x.ouPath),
      a.map((x) => x.status),
      a.map((x) => x.isManagement),
      a.map((x) => x.joinedAt?.toISOString() ?? null),
      now.toISOString(),
      OUT_OF_SERVICE,
      isStatic,
    );
  }
  const markedLeft = await db.$executeRawUnsafe(
    `UPDATE aws_accounts SET status = 'LEFT', removed_at = COALESCE(removed_at, $2::timestamp)
      WHERE status <> 'LEFT' AND NOT (id = ANY($1::text[]))`,
    a.map((x) => x.id),
    now.toISOString(),
  );
  return { upserted: a.length, markedLeft };
}
