// The PDF an auditor reads: cover, organization summary, per-account table, evidence and integrity,
// gap appendix and the method, with page numbers. Built-in Helvetica only: nothing is fetched while rendering.
import PDFDocument from "pdfkit";
import { describeActor } from "@/lib/coverage/attribute-gaps";
import { CAUSE_LABELS, type GapCause } from "@/lib/coverage/coverage-types";
import { drawCover, drawSummary, heading, MUTED, TEXT } from "@/lib/coverage/draw-pdf-summary";
import { drawIntegrity } from "@/lib/coverage/draw-pdf-integrity";
import { formatDuration, formatInstant, formatPercent, formatPeriod } from "@/lib/coverage/format-coverage";
import { drawTable } from "@/lib/coverage/pdf-table";
import type { CoverageReport } from "@/lib/coverage/report-types";

const mean = (values: number[]) =>
  values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : 0;

function accountTable(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  doc.addPage();
  heading(doc, "Coverage per account");
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "Shares of the period averaged over the account's regions. Per-region figures are in the CSV and JSON exports; every gap is in the appendix.",
    );
  doc.moveDown(0.5);
  drawTable(doc, {
    continued: "Coverage per account (continued)",
    columns: [
      { header: "Account", width: 72 },
      { header: "Name", width: 133 },
      { header: "Regions", width: 40, align: "right" },
      { header: "Recorded", width: 52, align: "right" },
      { header: "Partial", width: 48, align: "right" },
      { header: "Not rec.", width: 48, align: "right" },
      { header: "Unknown", width: 52, align: "right" },
      { header: "Gaps", width: 50, align: "right" },
    ],
    rows: report.accounts.map((a) => [
      a.accountId,
      a.name,
      String(a.regions.length),
      formatPercent(a.recordedPct),
      formatPercent(mean(a.regions.map((r) => r.partialPct))),
      formatPercent(mean(a.regions.map((r) => r.notRecordedPct))),
      formatPercent(a.regions.length ? mean(a.regions.map((r) => r.unknownPct)) : 100),
      String(a.regions.reduce((n, r) => n + r.gaps.length, 0)),
    ]),
  });
}

function gapAppendix(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  doc.addPage();
  heading(doc, "Appendix: every gap");
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "Times in UTC; the end is exclusive. The same interval in several regions of an account is one line. " +
        '"AWS": both ends dated by CloudTrail\'s StopLogging/StartLogging times; "digests": dated to the hour by ' +
        'CloudTrail\'s signed digest chain; "log files": by log file delivery times; "snapshots": at least one end bounded by our collections.',
    );
  doc.moveDown(0.5);
  const rows: string[][] = [];
  for (const a of report.accounts) {
    const grouped = new Map<
      string,
      { start: string; end: string; cause: GapCause; seconds: number; bound: string; regions: string[] }
    >();
    for (const r of a.regions) {
      for (const g of r.gaps) {
        const key = `${g.start}|${g.end}|${g.cause}|${g.boundedBy}`;
        const entry = grouped.get(key) ?? {
          start: g.start,
          end: g.end,
          cause: g.cause,
          seconds: g.durationSeconds,
          bound: g.boundedBy,
          regions: [],
        };
        entry.regions.push(r.region);
        grouped.set(key, entry);
      }
    }
    const entries = [...grouped.values()].sort(
      (x, y) => x.start.localeCompare(y.start) || x.cause.localeCompare(y.cause),
    );
    for (const e of entries) {
      const all = a.regions.length > 1 && e.regions.length === a.regions.length;
      rows.push([
        a.accountId,
        formatInstant(e.start),
        formatInstant(e.end),
        formatDuration(e.seconds),
        CAUSE_LABELS[e.cause],
        e.bound === "aws" ? "AWS" : e.bound === "log-files" ? "log files" : e.bound,
        all ? `all ${e.regions.length} regions` : e.regions.join(", "),
      ]);
    }
  }
  if (!rows.length) {
    doc
      .font("Helvetica")
      .fontSize(10)
      .fillColor(TEXT)
      .text("No gaps: every region of every account was recorded for the whole period.");
    return;
  }
  drawTable(doc, {
    continued: "Appendix: every gap (continued)",
    fontSize: 7.5,
    columns: [
      { header: "Account", width: 61 },
      { header: "Start", width: 80 },
      { header: "End", width: 80 },
      { header: "Duration", width: 72, align: "right" },
      { header: "Cause", width: 71, wrap: true },
      { header: "Dated by", width: 46 },
      { header: "Regions", width: 85, wrap: true },
    ],
    rows,
  });
  gapActors(doc, report);
}

/** Who opened the gaps, where CloudTrail event history tells (one line per account, start and change). */
function gapActors(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const lines = new Set<string>();
  for (const a of report.accounts)
    for (const r of a.regions)
      for (const g of r.gaps)
        if (g.actor)
          lines.add(
            `${a.accountId}, gap from ${formatInstant(g.start)} (${CAUSE_LABELS[g.cause]}): ${describeActor(g.actor)}`,
          );
  if (lines.size === 0) return;
  doc.moveDown(1);
  doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text("Who opened these gaps", doc.page.margins.left);
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "From CloudTrail event history (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors), read by the watch.",
    );
  doc.moveDown(0.3);
  doc.fontSize(8.5).fillColor(TEXT);
  for (const line of lines) doc.text(line, { paragraphGap: 3 });
}

function method(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  doc.addPage();
  heading(doc, "Method");
  doc.font("Helvetica").fontSize(10).fillColor(TEXT);
  for (const paragraph of report.method.split("\n\n"))
    doc.text(paragraph, { align: "left", paragraphGap: 8, lineGap: 1.5 });
}

function pageNumbers(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === range.start) continue; // the cover
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    const y = doc.page.height - 36;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font("Helvetica").fontSize(8).fillColor(MUTED);
    doc.text(`CloudTrail logging coverage · ${formatPeriod(report.period)}`, left, y, {
      width,
      align: "left",
      lineBreak: false,
    });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, y, { width, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export function renderPdf(report: CoverageReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: {
      Title: `CloudTrail logging coverage ${formatPeriod(report.period)}`,
      Author: "Trailwarden",
      Subject: "CloudTrail logging coverage report",
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  drawCover(doc, report);
  drawSummary(doc, report);
  accountTable(doc, report);
  drawIntegrity(doc, report);
  gapAppendix(doc, report);
  method(doc, report);
  pageNumbers(doc, report);
  doc.end();
  return done;
}
