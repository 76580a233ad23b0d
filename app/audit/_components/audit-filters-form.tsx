// The audit log's filters as a plain GET form: the URL carries the filters, so every view is a
// link, and it works without JavaScript.
import Link from "next/link";
import { Download } from "lucide-react";
import { AUDIT_OUTCOMES, auditFiltersToParams, type AuditFilters } from "@/lib/audit/audit-filters";

const INPUT = "block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function AuditFiltersForm({ filters, actions }: { filters: AuditFilters; actions: string[] }) {
  const exportParams = auditFiltersToParams({ ...filters, page: 1 });
  exportParams.set("format", "csv");
  return (
    <form
      method="get"
      action="/audit"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Filter the audit log"
    >
      <div className="w-56">
        <label htmlFor="f-action" className="text-xs font-medium text-slate-600">
          Action
        </label>
        <input
          id="f-action"
          name="action"
          list="audit-actions"
          defaultValue={filters.action ?? ""}
          placeholder="e.g. auth. or token.create"
          className={INPUT}
        />
        <datalist id="audit-actions">
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="w-48">
        <label htmlFor="f-actor" className="text-xs font-medium text-slate-600">
          Actor
        </label>
        <input
          id="f-actor"
          name="actor"
          defaultValue={filters.actor ?? ""}
          placeholder="name or id"
          className={INPUT}
        />
      </div>
      <div className="w-36">
        <label htmlFor="f-outcome" className="text-xs font-medium text-slate-600">
          Outcome
        </label>
        <select id="f-outcome" name="outcome" defaultValue={filters.outcome ?? ""} className={INPUT}>
          <option value="">any</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-from" className="text-xs font-medium text-slate-600">
          From (UTC)
        </label>
        <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} className={INPUT} />
      </div>
      <div>
        <label htmlFor="f-to" className="text-xs font-medium text-slate-600">
          To (UTC)
        </label>
        <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} className={INPUT} />
      </div>
      <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Filter
      </button>
      <Link href="/audit" className="px-1 py-1.5 text-sm text-slate-600 hover:underline">
        Clear
      </Link>
      <a
        href={`/api/v1/audit?${exportParams.toString()}`}
        className="ml-auto flex items-center gap-1.5 rounded border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
      >
        <Download aria-hidden className="h-4 w-4" />
        Export CSV
      </a>
    </form>
  );
}
