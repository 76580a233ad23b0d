// The PDF's evidence page: which account-regions rest on CloudTrail's signed digests, on its log
// files or on our collections only, the integrity figures per region, every integrity failure by
// S3 key, and the assumptions made before Trailwarden's first collection.
import { heading, MUTED, TEXT } from "@/lib/coverage/draw-pdf-summary";
import { formatInstant } from "@/lib/coverage/format-coverage";
import { drawTable } from "@/lib/coverage/pdf-table";
import type { CoverageReport } from "@/lib/coverage/report-types";
import { ISSUE_LABELS } from "@/lib/evidence/evidence-types";

const EVIDENCE_WORDS = { digests: "signed digests", "log-files": "log files", snapshots: "collections" } as const;

export function drawIntegrity(doc: PDFKit.PDFDocument, report: CoverageReport): void {
  const r = report.summary.record;
  doc.addPage();
  heading(doc, "Evidence and integrity");
  doc.font("Helvetica").fontSize(10).fillColor(TEXT);
  doc.text(
    `${r.regionsByEvidence.digests} account-regions rest on CloudTrail's signed digest files, ` +
      `${r.regionsByEvidence["log-files"]} on its delivered log files, ${r.regionsByEvidence.snapshots} on ` +
      `Trailwarden's collections only. ${r.integrityFailures} integrity failure(s).`,
  );
  if (r.signaturesUnverifiable)
    doc.text(
      "Digest signatures could not be verified (the endpoint does not implement CloudTrail ListPublicKeys): " +
        "those digests are counted as delivered, not as proved.",
    );
  for (const a of r.assumptions) doc.moveDown(0.3).fillColor(MUTED).text(`Assumption: ${a}`).fillColor(TEXT);
  doc.moveDown(0.5);
  const rows = report.accounts.flatMap((a) =>
    a.regions
      .filter((g) => g.evidence !== "snapshots" || g.integrity.invalid.length || g.integrity.missingHours.length)
      .map((g) => [
        a.accountId,
        g.region,
        EVIDENCE_WORDS[g.evidence],
        String(g.integrity.digests),
        String(g.integrity.valid),
        String(g.integrity.invalid.length),
        String(g.integrity.missingHours.length),
        `${g.integrity.logFilesChecked} / ${g.integrity.logFilesMissing.length} / ${g.integrity.logFilesModified.length}`,
      ]),
  );
  if (rows.length)
    drawTable(doc, {
      continued: "Evidence and integrity (continued)",
      fontSize: 8,
      columns: [
        { header: "Account", width: 66 },
        { header: "Region", width: 62 },
        { header: "Evidence", width: 66 },
        { header: "Digests", width: 42, align: "right" },
        { header: "Valid", width: 42, align: "right" },
        { header: "Invalid", width: 36, align: "right" },
        { header: "Gaps", width: 30, align: "right" },
        // Checked / missing / modified; the header fits one line at this width.
        { header: "Log files chk/miss/mod", width: 111, align: "right" },
      ],
      rows,
    });
  const failures = report.accounts.flatMap((a) =>
    a.regions.flatMap((g) => [
      ...g.integrity.invalid.map((x) => [a.accountId, g.region, ISSUE_LABELS[x.reason], x.key]),
      ...g.integrity.logFilesMissing.map((k) => [a.accountId, g.region, "Log file missing", k]),
      ...g.integrity.logFilesModified.map((k) => [a.accountId, g.region, "Log file modified", k]),
      ...g.integrity.missingHours.map((h) => [
        a.accountId,
        g.region,
        "No digest delivered",
        `${formatInstant(h.start)} to ${formatInstant(h.end)} UTC`,
      ]),
    ]),
  );
  if (!failures.length) return;
  doc.moveDown(1);
  doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text("Findings, by S3 key", doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
  drawTable(doc, {
    continued: "Findings, by S3 key (continued)",
    fontSize: 7,
    columns: [
      { header: "Account", width: 62 },
      { header: "Region", width: 55 },
      { header: "Finding", width: 90, wrap: true },
      { header: "S3 key or hours", width: 288, wrap: true },
    ],
    rows: failures,
  });
}
