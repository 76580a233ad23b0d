// Reads of the stored coverage rows (raw SQL: coverage_gaps and coverage_builds are not Prisma
// models yet).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Bound, CoverageState, GapCause, StoredGap } from "@/lib/coverage/coverage-types";
import type { BuildRecord } from "@/lib/coverage/write-coverage-rows";

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const secOrNull = (d: Date | null) => (d === null ? null : sec(d));

interface BuildRow {
  account_id: string;
  rule_version: number;
  snapshot_count: number;
  first_good_at: Date | null;
  last_good_at: Date | null;
  evidence_to: Date | null;
  regions: Record<string, string>;
}

function toBuild(r: BuildRow): BuildRecord {
  return {
    accountId: r.account_id,
    ruleVersion: r.rule_version,
    snapshotCount: r.snapshot_count,
    firstGoodAt: secOrNull(r.first_good_at),
    lastGoodAt: secOrNull(r.last_good_at),
    evidenceTo: secOrNull(r.evidence_to),
    regions: Object.fromEntries(Object.entries(r.regions).map(([region, at]) => [region, sec(new Date(at))])),
  };
}

export async function readBuild(tx: Reader, accountId: string): Promise<BuildRecord | null> {
  const rows = await tx.$queryRaw<BuildRow[]>`SELECT * FROM coverage_builds WHERE account_id = ${accountId}`;
  return rows[0] ? toBuild(rows[0]) : null;
}

export async function readBuilds(tx: Reader, accountIds: string[] | null): Promise<Map<string, BuildRecord>> {
  const rows = accountIds
    ? await tx.$queryRaw<BuildRow[]>`SELECT * FROM coverage_builds WHERE account_id = ANY(${accountIds}::text[])`
    : await tx.$queryRaw<BuildRow[]>`SELECT * FROM coverage_builds`;
  return new Map(rows.map((r) => [r.account_id, toBuild(r)]));
}

interface GapRow {
  account_id: string;
  region: string;
  start_at: Date;
  end_at: Date;
  state: string;
  cause: string;
  start_bound: string;
  end_bound: string;
}

function toGap(r: GapRow): StoredGap {
  return {
    region: r.region,
    start: sec(r.start_at),
    end: sec(r.end_at),
    // Written only by write-coverage-rows.ts from these same unions.
    state: r.state as Exclude<CoverageState, "recorded">,
    cause: r.cause as GapCause,
    startBound: r.start_bound as Bound,
    endBound: r.end_bound as Bound,
  };
}

/** Per region, the stored gap with start < cut <= end (at most one: gaps of a region never overlap). */
export async function readGapsThrough(tx: Reader, accountId: string, cut: number): Promise<StoredGap[]> {
  const at = new Date(cut * 1000);
  const rows = await tx.$queryRaw<GapRow[]>`
    SELECT * FROM coverage_gaps WHERE account_id = ${accountId} AND start_at < ${at} AND end_at >= ${at}`;
  return rows.map(toGap);
}

/** Gaps overlapping [from, to), grouped by account. */
export async function readGaps(
  tx: Reader,
  from: number,
  to: number,
  accountIds: string[] | null,
): Promise<Map<string, StoredGap[]>> {
  const f = new Date(from * 1000);
  const t = new Date(to * 1000);
  const rows = accountIds
    ? await tx.$queryRaw<
        GapRow[]
      >`SELECT * FROM coverage_gaps WHERE start_at < ${t} AND end_at > ${f} AND account_id = ANY(${accountIds}::text[])`
    : await tx.$queryRaw<GapRow[]>`SELECT * FROM coverage_gaps WHERE start_at < ${t} AND end_at > ${f}`;
  const out = new Map<string, StoredGap[]>();
  for (const r of rows) {
    let list = out.get(r.account_id);
    if (!list) out.set(r.account_id, (list = []));
    list.push(toGap(r));
  }
  return out;
}
