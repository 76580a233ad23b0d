// Turns stored gaps and each account's evidence span into the report: pure, so unit tests can
// assert exact figures without a database (build-report.ts loads the inputs). The shares come from
// the gaps: inside our evidence every second not in a gap was recorded, and time outside it is
// unknown. That reads tens of thousands of gap rows instead of a year of day rows per region; the
// day rollups (coverage_days) hold the same seconds per UTC day for day-level views.
import { applyRecordEvidence, type OverlaidGap } from "@/lib/coverage/apply-record-evidence";
import { attributeGap, eventsFor, type GapEvent } from "@/lib/coverage/attribute-gaps";
import type { GapCause, StoredGap } from "@/lib/coverage/coverage-types";
import type { AccountRecord, RegionIntegrity } from "@/lib/evidence/read-record-evidence";
import { FRAMEWORK_REFERENCES, METHOD_TEXT } from "@/lib/coverage/method-text";
import type { CoveragePeriod } from "@/lib/coverage/parse-period";
import type {
  CoverageReport,
  CoverageReportAccount,
  CoverageReportGap,
  CoverageSummary,
  EvidenceKind,
} from "@/lib/coverage/report-types";
import { percent, sharePercents } from "@/lib/coverage/share-percents";

export interface AccountInput {
  accountId: string;
  name: string;
  /** What the rollups were built from; null when the account has no good snapshot. */
  build: { firstGoodAt: number; evidenceTo: number; regions: string[] } | null;
  /** Stored gaps overlapping the period, any order. */
  gaps: StoredGap[];
  /** What CloudTrail's delivered record says (lib/evidence), when it was read. */
  record?: AccountRecord;
}

export interface AssembleInput {
  period: CoveragePeriod;
  generatedAt: Date;
  organization: CoverageSummary["organization"];
  accounts: AccountInput[];
  /** CloudTrail mutations read from event history in the period (read-gap-events.ts): who opened the gaps. */
  events?: GapEvent[];
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Stored gaps plus the unknown time outside our evidence, clipped to the period and merged. */
function regionGaps(account: AccountInput, region: string, period: CoveragePeriod): StoredGap[] {
  const { from, to } = period;
  const build = account.build!;
  const noEvidence = (start: number, end: number): StoredGap => ({
    region,
    start,
    end,
    state: "unknown",
    cause: "no_evidence",
    startBound: "snapshots",
    endBound: "snapshots",
  });
  const all = [
    noEvidence(from, build.firstGoodAt),
    ...account.gaps.filter((g) => g.region === region).sort((a, b) => a.start - b.start),
    noEvidence(build.evidenceTo, to),
  ];
  const out: StoredGap[] = [];
  for (const g of all) {
    const start = Math.max(g.start, from);
    const end = Math.min(g.end, to);
    if (end <= start) continue;
    const prev = out[out.length - 1];
    if (prev && prev.end === start && prev.cause === g.cause) {
      prev.end = end;
      prev.endBound = g.endBound;
    } else {
      out.push({ ...g, start, end });
    }
  }
  return out;
}

function toReportGap(g: OverlaidGap, events: GapEvent[][]): CoverageReportGap {
  return {
    start: iso(g.start),
    end: iso(g.end),
    cause: g.cause,
    durationSeconds: g.end - g.start,
    boundedBy: g.boundedBy,
    actor: attributeGap(g, events),
  };
}

const NO_INTEGRITY: RegionIntegrity = {
  digests: 0,
  valid: 0,
  invalid: [],
  missingHours: [],
  logFilesChecked: 0,
  logFilesMissing: [],
  logFilesModified: [],
};

const day = (seconds: number) => iso(seconds).slice(0, 10);

/** The assumption made for an account whose record reaches back before our first collection, in words. */
function assumptionOf(account: AccountInput): string | null {
  const r = account.record;
  if (!r || r.earliest === null || r.firstObservedAt === null || r.earliest >= r.firstObservedAt) return null;
  const base =
    `${account.name} (${account.accountId}): before Trailwarden's first collection on ${day(r.firstObservedAt)}, ` +
    `the configuration of its trails as first observed (which events they log) is assumed back to the earliest ` +
    `delivered record, ${day(r.earliest)}`;
  return r.changedAt !== null
    ? `${base}; CloudTrail event history shows a trail change on ${day(r.changedAt)}, so before that day the record ` +
        "counts only as delivered, not as proof of what was logged."
    : `${base}; no trail change before that collection is known from CloudTrail event history (90 days).`;
}

export function assembleReport(input: AssembleInput): CoverageReport {
  const { period } = input;
  const length = period.to - period.from;
  const org = { recorded: 0, partial: 0, notRecorded: 0, unknown: 0 };
  const gapsByCause: CoverageSummary["gapsByCause"] = {};
  let longestGap: CoverageSummary["longestGap"] = null;
  let regionCount = 0;
  let fullyRecorded = 0;
  let withGaps = 0;
  let withUnknown = 0;
  let evidenceFrom: number | null = null;
  let evidenceTo: number | null = null;
  const regionsByEvidence: Record<EvidenceKind, number> = { digests: 0, "log-files": 0, snapshots: 0 };
  let integrityFailures = 0;

  const accounts: CoverageReportAccount[] = input.accounts.map((account) => {
    const regions = (account.build?.regions ?? []).slice().sort();
    const events = eventsFor(account.accountId, input.events ?? []);
    let recordedSum = 0;
    let hasGap = false;
    let hasUnknown = false;
    if (account.build) {
      evidenceFrom = Math.min(evidenceFrom ?? Infinity, account.build.firstGoodAt);
      evidenceTo = Math.max(evidenceTo ?? -Infinity, account.build.evidenceTo);
    }
    const out = regions.map((region) => {
      const t = { partial: 0, notRecorded: 0, unknown: 0 };
      const record = account.record?.regions.get(region);
      const overlay = applyRecordEvidence(region, regionGaps(account, region, period), record, {
        start: period.from,
        end: period.to,
      });
      regionsByEvidence[overlay.evidence] += 1;
      const integrity = record?.integrity ?? NO_INTEGRITY;
      integrityFailures +=
        integrity.invalid.length + integrity.logFilesMissing.length + integrity.logFilesModified.length;
      const gaps = overlay.gaps.map((g) => {
        const gap = toReportGap(g, events);
        const bucket = (gapsByCause[g.cause] ??= { count: 0, seconds: 0 });
        bucket.count++;
        bucket.seconds += gap.durationSeconds;
        if (g.state === "unknown") {
          hasUnknown = true;
          t.unknown += gap.durationSeconds;
        } else {
          hasGap = true;
          if (g.state === "partial") t.partial += gap.durationSeconds;
          else t.notRecorded += gap.durationSeconds;
          if (!longestGap || gap.durationSeconds > longestGap.durationSeconds)
            longestGap = { ...gap, accountId: account.accountId, region };
        }
        return gap;
      });
      const recorded = length - t.partial - t.notRecorded - t.unknown;
      const [recordedPct, partialPct, notRecordedPct, unknownPct] = sharePercents(
        [recorded, t.partial, t.notRecorded, t.unknown],
        length,
      );
      recordedSum += recorded;
      org.recorded += recorded;
      org.partial += t.partial;
      org.notRecorded += t.notRecorded;
      org.unknown += t.unknown;
      return {
        region,
        recordedPct: recordedPct!,
        partialPct: partialPct!,
        notRecordedPct: notRecordedPct!,
        unknownPct: unknownPct!,
        gaps,
        evidence: overlay.evidence,
        integrity,
      };
    });
    regionCount += regions.length;
    if (regions.length && recordedSum === length * regions.length) fullyRecorded++;
    if (hasGap) withGaps++;
    if (hasUnknown || !regions.length) withUnknown++;
    return {
      accountId: account.accountId,
      name: account.name,
      recordedPct: percent(recordedSum, length * regions.length),
      regions: out,
    };
  });

  const total = length * regionCount;
  const [recordedPct, partialPct, notRecordedPct, unknownPct] = sharePercents(
    [org.recorded, org.partial, org.notRecorded, org.unknown],
    total,
  );
  const gapCount = Object.values(gapsByCause).reduce((n, c) => n + c.count, 0);
  return {
    period: { from: iso(period.from), to: iso(period.to) },
    generatedAt: input.generatedAt.toISOString(),
    accounts,
    summary: {
      organization: input.organization,
      accounts: accounts.length,
      accountRegions: regionCount,
      recordedPct: recordedPct!,
      partialPct: partialPct!,
      notRecordedPct: notRecordedPct!,
      unknownPct: unknownPct!,
      accountsFullyRecorded: fullyRecorded,
      accountsWithGaps: withGaps,
      accountsWithUnknown: withUnknown,
      gapCount,
      gapsByCause: sortCauses(gapsByCause),
      longestGap,
      evidence: {
        from: evidenceFrom === null ? null : iso(evidenceFrom),
        to: evidenceTo === null ? null : iso(evidenceTo),
      },
      frameworks: FRAMEWORK_REFERENCES,
      record: {
        regionsByEvidence,
        integrityFailures,
        signaturesUnverifiable: input.accounts.some((a) => a.record?.unverifiable),
        assumptions: input.accounts.flatMap((a) => assumptionOf(a) ?? []),
      },
    },
    method: METHOD_TEXT,
  };
}

function sortCauses(byCause: CoverageSummary["gapsByCause"]): CoverageSummary["gapsByCause"] {
  const entries = Object.entries(byCause) as [GapCause, { count: number; seconds: number }][];
  return Object.fromEntries(entries.sort((a, b) => b[1].seconds - a[1].seconds));
}
