// The coverage report as JSON (the CLI's --format json, GET /api/v1/reports/coverage, and the
// input of the CSV and PDF renderers). Percentages are 0–100 over the period, in hundredths.
import type { Bound, GapCause } from "@/lib/coverage/coverage-types";
import type { FrameworkReference } from "@/lib/coverage/method-text";

export interface CoverageReportGap {
  start: string; // ISO-8601
  end: string; // ISO-8601, exclusive
  cause: GapCause;
  durationSeconds: number;
  boundedBy: Bound;
}

export interface CoverageReportRegion {
  region: string;
  recordedPct: number;
  partialPct: number;
  notRecordedPct: number;
  unknownPct: number;
  gaps: CoverageReportGap[];
}

export interface CoverageReportAccount {
  accountId: string;
  name: string;
  recordedPct: number;
  regions: CoverageReportRegion[];
}

export interface CoverageSummary {
  organization: { id: string | null; managementAccountId: string | null; name: string | null };
  accounts: number;
  accountRegions: number;
  recordedPct: number;
  partialPct: number;
  notRecordedPct: number;
  unknownPct: number;
  /** Accounts whose every region was recorded for the whole period. */
  accountsFullyRecorded: number;
  /** Accounts with at least one partial or not-recorded gap (unknown time is counted apart). */
  accountsWithGaps: number;
  accountsWithUnknown: number;
  /** Gap intervals, each counted once per region. */
  gapCount: number;
  gapsByCause: Partial<Record<GapCause, { count: number; seconds: number }>>;
  longestGap: (CoverageReportGap & { accountId: string; region: string }) | null;
  /** Our first and last collection among the reported accounts. */
  evidence: { from: string | null; to: string | null };
  frameworks: FrameworkReference[];
}

export interface CoverageReport {
  period: { from: string; to: string }; // ISO instants; `to` is exclusive (the end of the last day)
  generatedAt: string;
  accounts: CoverageReportAccount[];
  summary: CoverageSummary;
  method: string;
}
