// `trailwarden report coverage --from --to --format json|csv|pdf --out FILE`: brings stale coverage
// rollups up to date, writes the report (for csv also <stem>-gaps.csv and <stem>-integrity.csv beside FILE) and FILE.sha256
// (sha256sum format), and records the export in the audit log.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "@/cli/run-command";
import { cliPrincipal, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { buildCoverageReport } from "@/lib/coverage/build-report";
import { checkCoverageSchema, CoverageSchemaError } from "@/lib/coverage/check-coverage-schema";
import { parseCoveragePeriod } from "@/lib/coverage/parse-period";
import { rebuildCoverage } from "@/lib/coverage/rebuild-coverage";
import { renderCoverage, type CoverageFormat } from "@/lib/coverage/render-coverage";
import { disconnectDb } from "@/lib/db";
import { ensureDatabase } from "@/lib/db/database";
import { ValidationError } from "@/lib/errors";

export interface ReportCoverageOptions {
  from?: string;
  to?: string;
  format: CoverageFormat;
  out: string;
}

export async function run(options: ReportCoverageOptions): Promise<number> {
  let period: ReturnType<typeof parseCoveragePeriod>;
  try {
    period = parseCoveragePeriod({ from: options.from, to: options.to }); // fail before starting a database
  } catch (err) {
    if (err instanceof ValidationError) throw new UsageError(err.message);
    throw err;
  }
  const database = await ensureDatabase({ log: (line) => console.error(line) });
  try {
    try {
      await checkCoverageSchema();
    } catch (err) {
      if (err instanceof CoverageSchemaError) throw new UsageError(err.message);
      throw err;
    }
    const rebuilt = await rebuildCoverage({ onlyStale: true });
    if (rebuilt.accounts) {
      console.error(
        `Coverage brought up to date for ${rebuilt.accounts} accounts (${rebuilt.incremental} incremental, ${rebuilt.full} full) in ${rebuilt.durationMs} ms`,
      );
    }
    const report = await buildCoverageReport({ from: options.from, to: options.to, refresh: false });
    const out = path.resolve(options.out);
    const rendered = await renderCoverage(report, options.format, { fileName: path.basename(out) });
    mkdirSync(path.dirname(out), { recursive: true });
    for (const f of rendered.files) writeFileSync(path.join(path.dirname(out), f.name), f.body);
    const manifestPath = `${out}.sha256`;
    writeFileSync(manifestPath, rendered.sha256sums);

    await recordAuditEvent({
      actor: cliPrincipal(),
      action: "report.export",
      target: "coverage",
      details: {
        format: options.format,
        period: report.period,
        files: rendered.manifest.files,
        accounts: report.summary.accounts,
      },
    });
    for (const f of rendered.manifest.files) console.log(`${path.join(path.dirname(out), f.name)}  sha256 ${f.sha256}`);
    console.log(`${manifestPath}  (check with: sha256sum -c ${path.basename(manifestPath)})`);
    console.log(
      `${period.fromDay} to ${period.toDay}: ${report.summary.accounts} accounts, ` +
        `${report.summary.recordedPct} % recorded, ${report.summary.gapCount} gap intervals`,
    );
    return 0;
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
