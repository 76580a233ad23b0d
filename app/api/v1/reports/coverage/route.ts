// GET /api/v1/reports/coverage?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv|pdf[&part=main|gaps|integrity|manifest]
// — the logging-coverage report (auditor and up). Every download is written to the audit log with
// the SHA-256 of what was sent, so an auditor's copy can be matched to the export record.
import { NextResponse } from "next/server";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getCoverageReport } from "@/lib/api/endpoints/reports";
import { withRole } from "@/lib/auth/guards";
import { buildCoverageReport } from "@/lib/coverage/build-report";
import { renderCoverage } from "@/lib/coverage/render-coverage";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = withRole("auditor", async (req, { principal }) => {
  const params = req.nextUrl.searchParams;
  const accounts = params.getAll("account");
  const parsed = getCoverageReport.query.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    format: params.get("format") ?? undefined,
    part: params.get("part") ?? undefined,
    account: accounts.length ? accounts : undefined,
  });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "query");
  const { from, to, format, part } = parsed.data;
  if ((part === "gaps" || part === "integrity") && format !== "csv")
    throw new ValidationError(`part=${part} is only for format=csv (the ${part} CSV)`);

  // A GET only reads: the worker refreshes the rollups after each collection (coverage-refresh job).
  const report = await buildCoverageReport({ from, to, accountIds: parsed.data.account });
  const rendered = await renderCoverage(report, format);
  const file =
    part === "manifest"
      ? null
      : part === "gaps"
        ? rendered.files[1]
        : part === "integrity"
          ? rendered.files[2]
          : rendered.files[0];
  const body = file ? file.body : Buffer.from(rendered.sha256sums);
  const name = file ? file.name : `${rendered.files[0]!.name.replace(/\.[^.]+$/, "")}.sha256`;
  await recordAuditEvent({
    actor: principal,
    action: "report.export",
    target: `coverage ${report.period.from.slice(0, 10)}..${report.period.to.slice(0, 10)}`,
    details: { format, part, file: name, files: rendered.manifest, accounts: report.accounts.length },
    request: req,
  });
  if (format === "json" && part === "main") {
    return new NextResponse(new Uint8Array(body), { headers: { "content-type": "application/json" } });
  }
  return new NextResponse(new Uint8Array(body), {
    headers: {
      "content-type": file?.contentType ?? "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
    },
  });
});
