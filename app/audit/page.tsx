// /audit — auditor+: the append-only audit log, filtered through the URL (linkable), paginated,
// exportable as CSV with the same filters.
import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/auth/guards";
import { auditFiltersFromParams, auditFiltersSchema } from "@/lib/audit/audit-filters";
import { knownAuditActions } from "@/lib/audit/query-audit-events";
import { AuditFiltersForm } from "./_components/audit-filters-form";
import { AuditResults } from "./_components/audit-results";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("auditor");
  const parsed = auditFiltersFromParams(await searchParams);
  const filters = parsed.success ? parsed.data : auditFiltersSchema.parse({});
  const actions = await knownAuditActions();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-600">
          Sign-ins, user and settings changes, API tokens, collections, remediations and exports. Entries cannot be
          changed or deleted.
        </p>
      </div>
      <AuditFiltersForm filters={filters} actions={actions} />
      {!parsed.success && (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters were not understood and are ignored:{" "}
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      )}
      <Suspense key={JSON.stringify(filters)} fallback={<div className="h-64 animate-pulse rounded-lg bg-slate-100" />}>
        <AuditResults filters={filters} />
      </Suspense>
    </div>
  );
}
