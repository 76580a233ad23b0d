// The CSV exports: one row per account and region, and a separate file with one row per gap and
// region (with who opened it, when event history tells). Numbers stay numbers (no units) so
// spreadsheets can sum them.
import { csvDocument, type CsvCell } from "@/lib/csv/csv-writer";
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
    "evidence",
    "digests",
    "digests_valid",
    "digests_invalid",
    "missing_digest_hours",
    "log_files_checked",
    "log_files_missing",
    "log_files_modified",
    "period_from",
    "period_to",
  ];
  const rows: CsvCell[][] = [];
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
        r.evidence,
        r.integrity.digests,
        r.integrity.valid,
        r.integrity.invalid.length,
        r.integrity.missingHours.reduce((n, h) => n + (Date.parse(h.end) - Date.parse(h.start)) / 3_600_000, 0),
        r.integrity.logFilesChecked,
        r.integrity.logFilesMissing.length,
        r.integrity.logFilesModified.length,
        report.period.from,
        report.period.to,
      ]);
    }
  }
  return csvDocument(header, rows);
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
    "actor_arn",
    "actor_source_ip",
    "actor_event",
    "actor_event_time",
  ];
  const rows: CsvCell[][] = [];
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
          g.actor?.arn ?? "",
          g.actor?.sourceIp ?? "",
          g.actor?.eventName ?? "",
          g.actor?.eventTime ?? "",
        ]);
      }
    }
  }
  return csvDocument(header, rows);
}

/** One row per integrity finding: the S3 key of each invalid digest, missing or modified log file, and each span of missing digest hours. */
export function renderIntegrityCsv(report: CoverageReport): string {
  const header = ["account_id", "account_name", "region", "finding", "s3_key", "start", "end"];
  const rows: CsvCell[][] = [];
  for (const a of report.accounts) {
    for (const r of a.regions) {
      const i = r.integrity;
      for (const x of i.invalid) rows.push([a.accountId, a.name, r.region, x.reason, x.key, "", ""]);
      for (const k of i.logFilesMissing) rows.push([a.accountId, a.name, r.region, "missing_log_file", k, "", ""]);
      for (const k of i.logFilesModified) rows.push([a.accountId, a.name, r.region, "modified_log_file", k, "", ""]);
      for (const h of i.missingHours)
        rows.push([a.accountId, a.name, r.region, "missing_digest_hours", "", h.start, h.end]);
    }
  }
  return csvDocument(header, rows);
}
