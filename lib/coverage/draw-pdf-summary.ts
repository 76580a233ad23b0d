// The first pages of the coverage PDF: the cover and the organization summary (figures, gaps by
// cause, least recorded accounts, framework references).
import { CAUSE_LABELS, type GapCause } from "@/lib/coverage/coverage-types";
import { formatDuration, formatInstant, formatPercent, formatPeriod } from "@/lib/coverage/format-coverage";
import { drawTable } from "@/lib/coverage/pdf-table";
import type { CoverageReport } from "@/lib/coverage/report-types";

export const COLORS = { recorded: "#15803d", partial: "#ca8a04", notRecorded: "#b91c1c", unknown: "#9ca3af" };
export const TEXT = "#111827";
export const MUTED = "#4b5563";

export function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.font("Helvetica-Bold").fontSize(16).fillColor(TEXT).text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.5);
}

export function drawCover(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const org = report.summary.organization;
  const left = doc.page.margins.left;
  doc.rect(0, 0, doc.page.width, 8).fill(COLORS.recorded);
  doc.font("Helvetica-Bold").fontSize(28).fillColor(TEXT).text("CloudTrail logging coverage", left, 200);
  doc
    .font("Helvetica")
    .fontSize(14)
    .fillColor(MUTED)
    .text("Evidence that API activity was recorded in every account and region");
  doc.moveDown(3);
  const lines: [string, string][] = [
    ["Organization", [org.name, org.id].filter(Boolean).join(" — ") || "not known"],
    ["Management account", org.managementAccountId ?? "not known"],
    ["Period", formatPeriod(report.period)],
    ["Generated", `${formatInstant(report.generatedAt)} UTC`],
    ["Scope", `${report.summary.accounts} accounts, ${report.summary.accountRegions} account-regions`],
  ];
  for (const [label, value] of lines) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text(label, left, y, { width: 140 });
    doc
      .font("Helvetica")
      .fontSize(11)
      .text(value, left + 150, y, { width: doc.page.width - left - 200 });
    doc.moveDown(0.6);
  }
  doc.moveDown(4);
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "Produced by Trailwarden from its own collections of each account's CloudTrail configuration and status. " +
        "The SHA-256 digests of the files of this report are listed in the accompanying manifest.",
      left,
      doc.y,
      { width: 420 },
    );
}

function stackedBar(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const s = report.summary;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const parts: [string, number, string][] = [
    ["Recorded", s.recordedPct, COLORS.recorded],
    ["Partial", s.partialPct, COLORS.partial],
    ["Not recorded", s.notRecordedPct, COLORS.notRecorded],
    ["Unknown", s.unknownPct, COLORS.unknown],
  ];
  let y = doc.y;
  let x = left;
  for (const [, pct, color] of parts) {
    const w = (width * pct) / 100;
    if (w > 0) doc.rect(x, y, w, 18).fill(color);
    x += w;
  }
  y += 26;
  x = left;
  for (const [label, pct, color] of parts) {
    doc.rect(x, y + 1, 8, 8).fill(color);
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(TEXT)
      .text(`${label} ${formatPercent(pct)}`, x + 12, y, { lineBreak: false });
    x += width / 4;
  }
  doc.x = left;
  doc.y = y + 22;
}

export function drawSummary(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const s = report.summary;
  doc.addPage();
  heading(doc, "Organization summary");
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Share of the period's time, over all ${s.accountRegions} account-regions.`);
  doc.moveDown(0.5);
  stackedBar(doc, report);
  drawTable(doc, {
    columns: [
      { header: "Figure", width: 255 },
      { header: "Value", width: 240, align: "right", wrap: true },
    ],
    rows: [
      ["Accounts", String(s.accounts)],
      ["Accounts recorded for the whole period (every region)", String(s.accountsFullyRecorded)],
      ["Accounts with a partial or not-recorded gap", String(s.accountsWithGaps)],
      ["Accounts with time we hold no evidence for", String(s.accountsWithUnknown)],
      ["Gap intervals (each region counted)", String(s.gapCount)],
      [
        "Longest gap",
        s.longestGap
          ? `${formatDuration(s.longestGap.durationSeconds)} (${s.longestGap.accountId}, ${s.longestGap.region})`
          : "none",
      ],
      [
        "Our evidence",
        s.evidence.from && s.evidence.to
          ? `${formatInstant(s.evidence.from)} to ${formatInstant(s.evidence.to)}`
          : "none",
      ],
    ],
  });
  const causes = Object.entries(s.gapsByCause) as [GapCause, { count: number; seconds: number }][];
  if (causes.length) {
    doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text("Gaps by cause");
    doc.moveDown(0.3);
    drawTable(doc, {
      columns: [
        { header: "Cause", width: 245 },
        { header: "Intervals", width: 80, align: "right" },
        { header: "Total region time", width: 170, align: "right" },
      ],
      rows: causes.map(([cause, c]) => [CAUSE_LABELS[cause], String(c.count), formatDuration(c.seconds)]),
    });
  }
  const lowest = [...report.accounts]
    .filter((a) => a.regions.length)
    .sort((a, b) => a.recordedPct - b.recordedPct)
    .slice(0, 10);
  if (lowest.length) {
    doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text("Least recorded accounts");
    doc.moveDown(0.3);
    drawTable(doc, {
      columns: [
        { header: "Account", width: 90 },
        { header: "Name", width: 300 },
        { header: "Recorded", width: 105, align: "right" },
      ],
      rows: lowest.map((a) => [a.accountId, a.name, formatPercent(a.recordedPct)]),
    });
  }
  doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text("Framework references");
  doc.moveDown(0.3);
  drawTable(doc, {
    columns: [
      { header: "Reference", width: 120 },
      { header: "Requirement and what this report shows", width: 375, wrap: true },
    ],
    rows: s.frameworks.map((f) => [f.id, `${f.title}. ${f.relevance}`]),
  });
}
