// renderCoverage: a report in one format, as the files to hand over plus their manifest. The HTTP
// route and the CLI both call it, so a download and an export carry the same bytes and digests.
import { buildManifest, manifestToSha256Sums, type CoverageManifest } from "@/lib/coverage/manifest";
import { reportStem } from "@/lib/coverage/format-coverage";
import { renderGapsCsv, renderIntegrityCsv, renderRegionsCsv } from "@/lib/coverage/render-csv";
import { renderPdf } from "@/lib/coverage/render-pdf";
import type { CoverageReport } from "@/lib/coverage/report-types";

export type CoverageFormat = "json" | "csv" | "pdf";

export interface RenderedFile {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface RenderedCoverage {
  files: RenderedFile[];
  manifest: CoverageManifest;
  /** The manifest in `sha256sum` format. */
  sha256sums: string;
}

export interface RenderOptions {
  /** File name of the main file (default coverage-<from>_<to>.<ext>); the gaps and integrity CSVs are <stem>-gaps.csv and <stem>-integrity.csv. */
  fileName?: string;
}

export async function renderCoverage(
  report: CoverageReport,
  format: CoverageFormat,
  options: RenderOptions = {},
): Promise<RenderedCoverage> {
  const main = options.fileName ?? `${reportStem(report.period)}.${format}`;
  const stem = main.replace(/\.[^.]+$/, "");
  let files: RenderedFile[];
  switch (format) {
    case "json":
      files = [
        { name: main, contentType: "application/json", body: Buffer.from(JSON.stringify(report, null, 2) + "\n") },
      ];
      break;
    case "csv":
      files = [
        { name: main, contentType: "text/csv; charset=utf-8", body: Buffer.from(renderRegionsCsv(report)) },
        { name: `${stem}-gaps.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(renderGapsCsv(report)) },
        {
          name: `${stem}-integrity.csv`,
          contentType: "text/csv; charset=utf-8",
          body: Buffer.from(renderIntegrityCsv(report)),
        },
      ];
      break;
    case "pdf":
      files = [{ name: main, contentType: "application/pdf", body: await renderPdf(report) }];
      break;
  }
  const manifest = buildManifest(files, { period: report.period, generatedAt: report.generatedAt });
  return { files, manifest, sha256sums: manifestToSha256Sums(manifest) };
}
