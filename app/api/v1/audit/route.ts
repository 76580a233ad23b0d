// GET /api/v1/audit — the audit log (auditor+). Filters as search params (action, actor, outcome,
// from, to, page, pageSize); `format=csv` streams every matching event as CSV and is itself audited.
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/guards";
import { ValidationError } from "@/lib/errors";
import { auditFiltersFromParams } from "@/lib/audit/audit-filters";
import { iterateAuditEvents, queryAuditEvents } from "@/lib/audit/query-audit-events";
import { auditCsvStream } from "@/lib/audit/audit-csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const dynamic = "force-dynamic";

export const GET = withRole("auditor", async (req, { principal }) => {
  const params = new URLSearchParams(req.nextUrl.searchParams);
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new ValidationError("format must be json or csv");
  params.delete("format");
  const parsed = auditFiltersFromParams(params);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "filters");
  const filters = parsed.data;
  if (format === "json") return NextResponse.json(await queryAuditEvents(filters));
  await recordAuditEvent({
    actor: principal,
    action: "audit.export",
    details: { format, filters: { ...filters, page: undefined, pageSize: undefined } },
    request: req,
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(iterateAuditEvents(filters)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="trailwarden-audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
