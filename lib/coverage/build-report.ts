// buildCoverageReport: the function the CLI, the reports page and GET /api/v1/reports/coverage
// call. It reads the evidence spans, the stored gaps overlapping the period, CloudTrail's
// delivered record (lib/evidence) and the trail mutations the watch read from event history and assembles the report (assemble-report.ts); only the CLI asks
// it to bring stale rollups up to date first (refresh: true).
import "server-only";
import { db } from "@/lib/db";
import { assembleReport, type AccountInput } from "@/lib/coverage/assemble-report";
import { parseCoveragePeriod } from "@/lib/coverage/parse-period";
import { readBuilds, readGaps } from "@/lib/coverage/read-coverage-rows";
import { readGapEvents } from "@/lib/coverage/read-gap-events";
import { refreshCoverage } from "@/lib/coverage/rebuild-coverage";
import type { CoverageReport, CoverageSummary } from "@/lib/coverage/report-types";
import { readRecordEvidence } from "@/lib/evidence/read-record-evidence";

export interface BuildCoverageReportInput {
  /** First day, YYYY-MM-DD (default: twelve months before `to`). */
  from?: string | null;
  /** Last day, included, YYYY-MM-DD (default: yesterday, UTC). */
  to?: string | null;
  accountIds?: string[];
  /**
   * Rebuild stale rollups first (default false). Pages and GET requests only read: the worker's
   * coverage-refresh job rebuilds them after each collection; the CLI refreshes before exporting.
   */
  refresh?: boolean;
  now?: Date;
}

async function organizationOf(): Promise<CoverageSummary["organization"]> {
  const management = await db.awsAccount.findFirst({ where: { isManagement: true }, select: { id: true, name: true } });
  const [latest] = await db.$queryRaw<{ org: { id?: string; managementAccountId?: string } | null }[]>`
    SELECT state->'organization' AS org FROM snapshots WHERE status <> 'error' ORDER BY collected_at DESC LIMIT 1`;
  return {
    id: latest?.org?.id ?? null,
    managementAccountId: management?.id ?? latest?.org?.managementAccountId ?? null,
    name: management?.name ?? null,
  };
}

/** Throws ValidationError (lib/errors.ts) for a bad period. */
export async function buildCoverageReport(input: BuildCoverageReportInput = {}): Promise<CoverageReport> {
  const now = input.now ?? new Date();
  const period = parseCoveragePeriod({ from: input.from, to: input.to }, now);
  const ids = input.accountIds?.length ? input.accountIds : null;
  if (input.refresh === true) await refreshCoverage(ids ?? undefined);

  const [accounts, builds, gaps, organization, records, events] = await Promise.all([
    db.awsAccount.findMany({
      where: ids ? { id: { in: ids } } : {},
      select: { id: true, name: true, firstSeenAt: true, removedAt: true },
      orderBy: { id: "asc" },
    }),
    readBuilds(db, ids),
    readGaps(db, period.from, period.to, ids),
    organizationOf(),
    readRecordEvidence(ids, period.from, period.to),
    readGapEvents(period.from, period.to),
  ]);

  const inputs: AccountInput[] = [];
  for (const a of accounts) {
    const b = builds.get(a.id);
    const build =
      b && b.firstGoodAt !== null && b.evidenceTo !== null
        ? { firstGoodAt: b.firstGoodAt, evidenceTo: b.evidenceTo, regions: Object.keys(b.regions) }
        : null;
    // Leave out accounts that were gone before the period began, or arrived after it, unless we
    // hold evidence for them inside it.
    // CloudTrail's delivered record counts too: it reaches back before our first collection.
    const record = records.get(a.id);
    const hasEvidence =
      build !== null &&
      ((build.firstGoodAt < period.to && build.evidenceTo > period.from) ||
        [...(record?.regions.values() ?? [])].some((r) => r.proved.length + r.delivered.length + r.partial.length > 0));
    const removedBefore = a.removedAt !== null && a.removedAt.getTime() / 1000 < period.from;
    const arrivedAfter = a.firstSeenAt.getTime() / 1000 >= period.to;
    if (!hasEvidence && (removedBefore || arrivedAfter)) continue;
    inputs.push({ accountId: a.id, name: a.name, build, gaps: gaps.get(a.id) ?? [], record });
  }
  return assembleReport({ period, generatedAt: now, organization, accounts: inputs, events });
}
