// Synthetic CloudTrail histories for coverage tests: trails and snapshots in the collector's
// normalized form, and an in-memory stand-in for the database path (rollups and stored gaps).
import type {
  AccountSnapshotState,
  EventSelectorsState,
  TrailState,
  TrailStatusState,
} from "@/lib/collect/snapshot-types";
import { assembleReport, type AccountInput } from "@/lib/coverage/assemble-report";
import type { GapEvent } from "@/lib/coverage/attribute-gaps";
import { buildIntervals, type EvidenceSnapshot } from "@/lib/coverage/build-intervals";
import { parseCoveragePeriod } from "@/lib/coverage/parse-period";
import { CAUSE_STATE } from "@/lib/coverage/coverage-types";
import { extractGaps, rollupDays } from "@/lib/coverage/rollup-days";
import type { CoverageReport } from "@/lib/coverage/report-types";

export const ORG_TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";

export function trail(overrides: Partial<TrailState> = {}, status: Partial<TrailStatusState> | null = {}): TrailState {
  return {
    arn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
    name: "main",
    homeRegion: "us-east-1",
    ownerAccountId: "222222222222",
    appliesVia: "owned",
    isOrganizationTrail: false,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    status: status === null ? null : { isLogging: true, startLoggingTime: "2024-06-01T00:00:00Z", ...status },
    eventSelectors: { basic: null, advanced: null },
    insightSelectors: null,
    tags: null,
    ...overrides,
  };
}

export function orgTrail(status: Partial<TrailStatusState> = {}): TrailState {
  return trail(
    {
      arn: ORG_TRAIL_ARN,
      name: "org-trail",
      ownerAccountId: "111111111111",
      appliesVia: "organization",
      isOrganizationTrail: true,
    },
    status,
  );
}

export const WRITE_ONLY: EventSelectorsState = {
  basic: [
    { readWriteType: "WriteOnly", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [] },
  ],
  advanced: null,
};

export function snapshot(
  at: string,
  trails: TrailState[],
  options: { accountId?: string; regions?: string[]; status?: "ok" | "partial" | "error" } = {},
): EvidenceSnapshot {
  const accountId = options.accountId ?? "222222222222";
  const state: AccountSnapshotState = {
    schemaVersion: 1,
    accountId,
    partition: "aws",
    collectedAt: at,
    regions: (options.regions ?? ["us-east-1", "eu-west-1"]).map((region) => ({ region, status: "enabled" })),
    trails,
    eventDataStores: [],
    buckets: {},
    logGroups: {},
    organization: { id: "o-example", managementAccountId: "111111111111" },
    errors: [],
  };
  return { collectedAt: at, status: options.status ?? "ok", state: options.status === "error" ? null : state };
}

/** Snapshots every `hours` from `from` (inclusive) to `to` (exclusive), all showing the same trails. */
export function every(
  hours: number,
  from: string,
  to: string,
  trails: TrailState[],
  options: Parameters<typeof snapshot>[2] = {},
): EvidenceSnapshot[] {
  const out: EvidenceSnapshot[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += hours * 3_600_000)
    out.push(snapshot(new Date(t).toISOString(), trails, options));
  return out;
}

/**
 * The database path, in memory: intervals → stored gaps → report for the period. Also checks that
 * the day rollups of the same timelines hold exactly the seconds the report derives from the gaps.
 */
export function reportFor(
  histories: { accountId: string; name?: string; snapshots: EvidenceSnapshot[] }[],
  fromDay: string,
  toDay: string,
  events: GapEvent[] = [],
): CoverageReport {
  const period = parseCoveragePeriod({ from: fromDay, to: toDay }, new Date("2030-01-01T00:00:00Z"));
  const dayTotals: Map<string, { recorded: number; partial: number; notRecorded: number }>[] = [];
  const accounts: AccountInput[] = histories.map((h) => {
    const built = buildIntervals(h.snapshots);
    const days = new Map<string, { recorded: number; partial: number; notRecorded: number }>();
    const gaps = [];
    for (const [region, segments] of built.timelines) {
      const t = { recorded: 0, partial: 0, notRecorded: 0 };
      for (const d of rollupDays(region, segments)) {
        const start = Date.parse(`${d.day}T00:00:00Z`) / 1000;
        if (start < period.from || start >= period.to) continue;
        t.recorded += d.recorded;
        t.partial += d.partial;
        t.notRecorded += d.notRecorded;
      }
      days.set(`${h.accountId}/${region}`, t);
      gaps.push(...extractGaps(region, segments));
    }
    dayTotals.push(days);
    const build =
      built.firstGoodAt === null || built.evidenceTo === null
        ? null
        : { firstGoodAt: built.firstGoodAt, evidenceTo: built.evidenceTo, regions: Object.keys(built.regions) };
    return { accountId: h.accountId, name: h.name ?? h.accountId, build, gaps };
  });
  const report = assembleReport({
    period,
    generatedAt: new Date("2030-01-01T00:00:00Z"),
    organization: { id: "o-example", managementAccountId: "111111111111", name: "Example" },
    accounts,
    events,
  });
  const length = period.to - period.from;
  for (const a of report.accounts) {
    for (const r of a.regions) {
      const sum = (state: string) =>
        r.gaps.filter((g) => CAUSE_STATE[g.cause] === state).reduce((n, g) => n + g.durationSeconds, 0);
      const fromGaps = {
        partial: sum("partial"),
        notRecorded: sum("not_recorded"),
        recorded: length - r.gaps.reduce((n, g) => n + g.durationSeconds, 0),
      };
      const fromDays = dayTotals.flatMap((m) => [...m]).find(([k]) => k === `${a.accountId}/${r.region}`)?.[1];
      if (
        JSON.stringify(fromDays) !==
        JSON.stringify({ recorded: fromGaps.recorded, partial: fromGaps.partial, notRecorded: fromGaps.notRecorded })
      ) {
        throw new Error(
          `day rollups and gaps disagree for ${a.accountId}/${r.region}: ${JSON.stringify({ fromDays, fromGaps })}`,
        );
      }
    }
  }
  return report;
}
