"use client";
// Filters and sort for the matrix. Every control writes to the URL (useMatrixParams); the search box
// keeps its own text and writes after a short pause so typing stays smooth.
import { Search, X } from "lucide-react";
import clsx from "clsx";
import { useEffect, useState } from "react";
import type { ControlColumn } from "@/lib/views/matrix-types";
import { VERDICT_STATUSES, type VerdictStatus } from "@/lib/views/status-codes";
import { STATUS_STYLE } from "@/components/status/status-style";
import { hasFilters, MATRIX_SORTS, type MatrixParams, type MatrixSort } from "@/components/matrix/matrix-params";

interface Props {
  params: MatrixParams;
  update: (patch: Partial<MatrixParams>) => void;
  controls: ControlColumn[];
  ouOptions: string[];
  shown: number;
  total: number;
}

const SORT_LABEL: Record<MatrixSort, string> = {
  name: "Name",
  id: "Account id",
  ou: "Organizational unit",
  failing: "Failing controls",
};

function controlValue(params: MatrixParams, controls: ControlColumn[]): string {
  if (params.control.length !== 1) return "";
  const only = params.control[0]!;
  return controls.some((c) => c.family === only) ? `family:${only}` : only;
}

export function MatrixToolbar({ params, update, controls, ouOptions, shown, total }: Props) {
  const [text, setText] = useState(params.q);
  const [syncedQ, setSyncedQ] = useState(params.q);
  if (params.q !== syncedQ) {
    // The URL changed under us (back button, "Clear filters"): show its search, unless it is
    // only our own debounced write of what is already typed.
    setSyncedQ(params.q);
    if (params.q !== text.trim()) setText(params.q);
  }
  useEffect(() => {
    if (text.trim() === params.q) return;
    const t = setTimeout(() => update({ q: text.trim() }), 200);
    return () => clearTimeout(t);
  }, [text, params.q, update]);

  const toggleStatus = (s: VerdictStatus) =>
    update({ status: params.status.includes(s) ? params.status.filter((x) => x !== s) : [...params.status, s] });

  const onControl = (value: string) => {
    if (!value) return update({ control: [] });
    if (value.startsWith("family:")) return update({ control: [value.slice(7)] });
    update({ control: [value] });
  };

  const label = "mb-1 block text-xs font-medium text-slate-600";
  const input =
    "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:border-sky-600";
  return (
    <div className="mb-3 space-y-3" role="search" aria-label="Filter the matrix">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <label htmlFor="matrix-search" className={label}>
            Search accounts
          </label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2 top-2.5 h-4 w-4 text-slate-400" />
            <input
              id="matrix-search"
              type="search"
              placeholder="Name or account id"
              value={text}
              onChange={(e) => setText(e.target.value)}
              className={clsx(input, "w-full pl-8")}
              autoComplete="off"
            />
          </div>
        </div>
        <div>
          <label htmlFor="matrix-ou" className={label}>
            Organizational unit
          </label>
          <select
            id="matrix-ou"
            className={clsx(input, "w-52")}
            value={params.ou ?? ""}
            onChange={(e) => update({ ou: e.target.value || null })}
          >
            <option value="">All OUs</option>
            {ouOptions.map((ou) => (
              <option key={ou} value={ou}>
                {ou}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="matrix-control" className={label}>
            Control
          </label>
          <select
            id="matrix-control"
            className={clsx(input, "w-64")}
            value={controlValue(params, controls)}
            onChange={(e) => onControl(e.target.value)}
          >
            <option value="">All controls</option>
            <option value="family:CloudTrail">CloudTrail family</option>
            <option value="family:CloudWatch">CloudWatch family (CIS alarms)</option>
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}: {c.title.length > 48 ? `${c.title.slice(0, 47)}…` : c.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="matrix-sort" className={label}>
            Sort by
          </label>
          <div className="flex">
            <select
              id="matrix-sort"
              className={clsx(input, "w-44 rounded-r-none")}
              value={params.sort}
              onChange={(e) =>
                update({ sort: e.target.value as MatrixSort, dir: e.target.value === "failing" ? "desc" : "asc" })
              }
            >
              {MATRIX_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABEL[s]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className={clsx(input, "-ml-px rounded-l-none px-2.5 hover:bg-slate-50")}
              onClick={() => update({ dir: params.dir === "asc" ? "desc" : "asc" })}
              aria-label={`Sort direction: ${params.dir === "asc" ? "ascending" : "descending"}. Change direction`}
            >
              {params.dir === "asc" ? "↑ Asc" : "↓ Desc"}
            </button>
          </div>
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="h-4 w-4 accent-sky-700"
            checked={params.failing}
            onChange={(e) => update({ failing: e.target.checked })}
          />
          Only failing accounts
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600" id="status-filter-label">
          Status
        </span>
        <div role="group" aria-labelledby="status-filter-label" className="flex flex-wrap gap-1.5">
          {VERDICT_STATUSES.map((s) => {
            const on = params.status.includes(s);
            return (
              <button
                key={s}
                type="button"
                aria-pressed={on}
                onClick={() => toggleStatus(s)}
                className={clsx(
                  "inline-flex h-7 items-center gap-1 rounded-full border px-2.5 text-xs font-medium",
                  on
                    ? STATUS_STYLE[s].badge + " ring-2 ring-offset-1 ring-slate-400"
                    : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
                )}
              >
                <span aria-hidden>{STATUS_STYLE[s].glyph}</span>
                {STATUS_STYLE[s].label}
              </button>
            );
          })}
        </div>
        <span className="ml-auto text-sm text-slate-600" aria-live="polite" data-testid="matrix-count">
          Showing <strong className="text-slate-900">{shown.toLocaleString("en-US")}</strong> of{" "}
          {total.toLocaleString("en-US")} accounts
        </span>
        {hasFilters(params) ? (
          <button
            type="button"
            onClick={() => {
              setText("");
              update({ q: "", ou: null, status: [], control: [], failing: false });
            }}
            className="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-sky-800 hover:bg-sky-50"
          >
            <X aria-hidden className="h-3.5 w-3.5" />
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
