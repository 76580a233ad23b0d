// The coverage report as JSON (the CLI's --format json, GET /api/v1/reports/coverage, and the
// input of the CSV and PDF renderers). Percentages are 0–100 over the period, in hundredths.
import type { GapActor } from "@/lib/coverage/attribute-gaps";
import type { GapCause, ReportBound } from "@/lib/coverage/coverage-types";
import type { RegionIntegrity } from "@/lib/evidence/read-record-evidence";
import type { FrameworkReference } from "@/lib/coverage/method-text";

export interface CoverageReportGap {
  start: string; // ISO-8601
  end: string; // ISO-8601, exclusive
  cause: GapCause;
  durationSeconds: number;
  boundedBy: ReportBound;
  /** Who opened it (StopLogging, DeleteTrail, ...), from CloudTrail event history; null when unknown. */
  actor: GapActor | null;
}

/** The best evidence a region's figures rest on: AWS's signed digests, its log files, or our snapshots. */
export type EvidenceKind = "digests" | "log-files" | "snapshots";

export interface CoverageReportRegion {
  region: string;
  recordedPct: number;
  partialPct: number;
  notRecordedPct: number;
  unknownPct: number;
  gaps: CoverageReportGap[];
  evidence: EvidenceKind;
  integrity: RegionIntegrity;
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
  /** The delivered record: how many account-regions rest on which evidence, and what failed. */
  record: {
    regionsByEvidence: Record<EvidenceKind, number>;
    integrityFailures: number;
    /** Signatures could not be checked (the endpoint lacks ListPublicKeys): digests counted as delivered only. */
    signaturesUnverifiable: boolean;
    /** Assumptions made, in words (configuration assumed before the first collection). */
    assumptions: string[];
  };
}

export interface CoverageReport {
  period: { from: string; to: string }; // ISO instants; `to` is exclusive (the end of the last day)
  generatedAt: string;
  accounts: CoverageReportAccount[];
  summary: CoverageSummary;
  method: string;
}
