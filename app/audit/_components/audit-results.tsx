// One page of audit events and the pager; loads inside its own Suspense boundary.
import Link from "next/link";
import { auditFiltersToParams, type AuditFilters } from "@/lib/audit/audit-filters";
import { queryAuditEvents, type AuditEventView } from "@/lib/audit/query-audit-events";

const OUTCOME_STYLE: Record<string, string> = {
  success: "bg-green-50 text-green-800",
  failure: "bg-red-50 text-red-800",
  denied: "bg-amber-50 text-amber-900",
};

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object" || Object.keys(details).length === 0) return "";
  return JSON.stringify(details);
}

function Row({ e }: { e: AuditEventView }) {
  return (
    <tr className="align-top">
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</td>
      <td className="px-3 py-2">
        <div>{e.actorName ?? (e.actorType === "anonymous" ? "anonymous" : e.actorId)}</div>
        <div className="text-xs text-slate-500">{e.actorType}</div>
      </td>
      <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
      <td className="max-w-48 break-words px-3 py-2">{e.target}</td>
      <td className="px-3 py-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_STYLE[e.outcome] ?? "bg-slate-100"}`}>
          {e.outcome}
        </span>
      </td>
      <td className="px-3 py-2 text-xs">
        <div className="font-mono">{e.ip}</div>
        <div className="max-w-56 truncate text-slate-500" title={e.userAgent ?? undefined}>
          {e.userAgent}
        </div>
      </td>
      <td className="max-w-96 break-all px-3 py-2 font-mono text-xs text-slate-600">{detailsText(e.details)}</td>
    </tr>
  );
}

export async function AuditResults({ filters }: { filters: AuditFilters }) {
  const { events, total, page, pages } = await queryAuditEvents(filters);
  const pageLink = (p: number) => `/audit?${auditFiltersToParams({ ...filters, page: p }).toString()}`;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {["When (UTC)", "Who", "Action", "Target", "Outcome", "From", "Details"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-slate-500">
                  No events match these filters.
                </td>
              </tr>
            )}
            {events.map((e) => (
              <Row key={e.id} e={e} />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="flex items-center justify-between text-sm text-slate-600">
        <span>
          {total} event{total === 1 ? "" : "s"} · page {page} of {pages}
        </span>
        <span className="flex gap-2">
          {page > 1 && (
            <Link href={pageLink(page - 1)} className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-100">
              Newer
            </Link>
          )}
          {page < pages && (
            <Link href={pageLink(page + 1)} className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-100">
              Older
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
}
