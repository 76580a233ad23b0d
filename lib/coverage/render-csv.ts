// The CSV exports: one row per account and region, and a separate file with one row per gap and
// region. Numbers stay numbers (no units) so spreadsheets can sum them.
import { stringify } from "csv-stringify/sync";
import { CAUSE_LABELS, CAUSE_STATE } from "@/lib/coverage/coverage-types";
import type { CoverageReport } from "@/lib/coverage/report-types";

export function renderRegionsCsv(report: CoverageReport): string {
  const header = [
    "account_id",
    "account_name",
    "region",
    "recorded_pct",
    "partial_pct",
    "not_recorded_pct",
    "unknown_pct",
    "gap_count",
    "period_from",
    "period_to",
  ];
  const rows: (string | number)[][] = [header];
  for (const a of report.accounts) {
    for (const r of a.regions) {
      rows.push([
        a.accountId,
        a.name,
        r.region,
        r.recordedPct,
        r.partialPct,
        r.notRecordedPct,
        r.unknownPct,
        r.gaps.length,
        report.period.from,
        report.period.to,
      ]);
    }
  }
  return stringify(rows);
}

export function renderGapsCsv(report: CoverageReport): string {
  const header = [
    "account_id",
    "account_name",
    "region",
    "start",
    "end",
    "duration_seconds",
    "state",
    "cause",
    "cause_label",
    "bounded_by",
  ];
  const rows: (string | number)[][] = [header];
  for (const a of report.accounts) {
    for (const r of a.regions) {
      for (const g of r.gaps) {
        rows.push([
          a.accountId,
          a.name,
          r.region,
          g.start,
          g.end,
          g.durationSeconds,
          CAUSE_STATE[g.cause],
          g.cause,
          CAUSE_LABELS[g.cause],
          g.boundedBy,
        ]);
      }
    }
  }
  return stringify(rows);
}
