// Bulk writes of coverage rows: one INSERT ... SELECT FROM json_to_recordset(...) per chunk, because
// a full rebuild writes thousands of day rows per account (one JSON parameter was about twice as
// fast as parallel array parameters, and row-by-row inserts would dominate the rebuild).
// (coverage_gaps and coverage_builds are not Prisma models yet: see the coverage migration.)
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DayRollup, StoredGap } from "@/lib/coverage/coverage-types";

type Tx = Prisma.TransactionClient;

const CHUNK = 20_000;
const iso = (seconds: number) => new Date(seconds * 1000);

export async function insertDays(tx: Tx, accountId: string, rows: DayRollup[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((x) => ({
      r: x.region,
      d: x.day,
      a: x.recorded,
      p: x.partial,
      n: x.notRecorded,
      u: x.unknown,
      c: x.causes,
    }));
    await tx.$executeRaw`
      INSERT INTO coverage_days (account_id, region, day, recorded_seconds, partial_seconds, not_recorded_seconds, unknown_seconds, causes)
      SELECT ${accountId}, r, d, a, p, n, u, c
      FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS t(r text, d date, a int, p int, n int, u int, c text[])`;
  }
}

export async function insertGaps(tx: Tx, accountId: string, gaps: StoredGap[]): Promise<void> {
  for (let i = 0; i < gaps.length; i += CHUNK) {
    const chunk = gaps.slice(i, i + CHUNK).map((g) => ({
      r: g.region,
      s: iso(g.start).toISOString(),
      e: iso(g.end).toISOString(),
      st: g.state,
      c: g.cause,
      sb: g.startBound,
      eb: g.endBound,
    }));
    // ISO strings with "Z" are cast through timestamptz so the session time zone cannot shift them.
    await tx.$executeRaw`
      INSERT INTO coverage_gaps (account_id, region, start_at, end_at, state, cause, start_bound, end_bound)
      SELECT ${accountId}, r, (s::timestamptz AT TIME ZONE 'UTC'), (e::timestamptz AT TIME ZONE 'UTC'), st, c, sb, eb
      FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS t(r text, s text, e text, st text, c text, sb text, eb text)`;
  }
}

export interface BuildRecord {
  accountId: string;
  ruleVersion: number;
  snapshotCount: number;
  firstGoodAt: number | null;
  lastGoodAt: number | null;
  evidenceTo: number | null;
  regions: Record<string, number>;
}

export async function upsertBuild(tx: Tx, b: BuildRecord): Promise<void> {
  const at = (s: number | null) => (s === null ? null : iso(s));
  const regions = JSON.stringify(
    Object.fromEntries(Object.entries(b.regions).map(([r, s]) => [r, iso(s).toISOString()])),
  );
  await tx.$executeRaw`
    INSERT INTO coverage_builds (account_id, rule_version, built_at, snapshot_count, first_good_at, last_good_at, evidence_to, regions)
    VALUES (${b.accountId}, ${b.ruleVersion}, ${new Date()}, ${b.snapshotCount}, ${at(b.firstGoodAt)}, ${at(b.lastGoodAt)}, ${at(b.evidenceTo)}, ${regions}::jsonb)
    ON CONFLICT (account_id) DO UPDATE SET rule_version = EXCLUDED.rule_version, built_at = EXCLUDED.built_at,
      snapshot_count = EXCLUDED.snapshot_count, first_good_at = EXCLUDED.first_good_at, last_good_at = EXCLUDED.last_good_at,
      evidence_to = EXCLUDED.evidence_to, regions = EXCLUDED.regions`;
}
