// The report period and the downloads; a plain GET form, so every view is a linkable URL.
export function PeriodForm({ from, to, error }: { from: string; to: string; error: string | null }) {
  const qs = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  const href = (format: string, part?: string) =>
    `/api/v1/reports/coverage?${qs}${qs ? "&" : ""}format=${format}${part ? `&part=${part}` : ""}`;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="period-heading">
      <h2 id="period-heading" className="text-sm font-semibold text-slate-700">
        Period
      </h2>
      <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          <span className="text-slate-600">From (first day, UTC)</span>
          <input
            type="date"
            name="from"
            defaultValue={from}
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          <span className="text-slate-600">To (last day, included)</span>
          <input type="date" name="to" defaultValue={to} className="mt-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Show
        </button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {!error && (
        <div className="mt-4 flex flex-wrap gap-2 text-sm" aria-label="Downloads">
          <a className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50" href={href("pdf")} download>
            PDF report
          </a>
          <a className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50" href={href("csv")} download>
            CSV (per account and region)
          </a>
          <a
            className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            href={href("csv", "gaps")}
            download
          >
            Gaps CSV
          </a>
          <a
            className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            href={href("csv", "integrity")}
            download
          >
            Integrity CSV
          </a>
          <a className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50" href={href("json")} download>
            JSON
          </a>
          <a
            className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            href={href("pdf", "manifest")}
            download
          >
            SHA-256 manifest (PDF)
          </a>
        </div>
      )}
    </section>
  );
}
