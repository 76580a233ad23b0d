"use client";
// The two sticky header rows: family groups, then one column per control with its count of
// failing accounts (over the rows shown). Sort buttons carry aria-sort.
import clsx from "clsx";
import { ArrowDown, ArrowUp } from "lucide-react";
import type { ControlColumn } from "@/lib/views/matrix-types";
import type { MatrixParams, MatrixSort } from "@/components/matrix/matrix-params";
import { CONTROL_HEADER_HEIGHT, GROUP_HEADER_HEIGHT, gridTemplate } from "@/components/matrix/matrix-layout";

interface Props {
  controls: ControlColumn[];
  columns: number[];
  failing: number[];
  params: MatrixParams;
  onSort: (sort: MatrixSort) => void;
  selectAll: { checked: boolean; indeterminate: boolean; onChange: () => void; count: number };
}

function SortButton({
  label,
  sort,
  params,
  onSort,
}: {
  label: string;
  sort: MatrixSort;
  params: MatrixParams;
  onSort: (s: MatrixSort) => void;
}) {
  const active = params.sort === sort;
  const Icon = params.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <button
      type="button"
      onClick={() => onSort(sort)}
      className={clsx(
        "inline-flex items-center gap-0.5 rounded px-1 hover:bg-slate-100",
        active ? "font-semibold text-slate-900" : "text-slate-600",
      )}
    >
      {label}
      {active ? <Icon aria-hidden className="h-3 w-3" /> : null}
    </button>
  );
}

export function MatrixHeader({ controls, columns, failing, params, onSort, selectAll }: Props) {
  const groups: { family: string; span: number; start: number }[] = [];
  columns.forEach((c, i) => {
    const family = controls[c]!.family;
    const last = groups[groups.length - 1];
    if (last && last.family === family) last.span++;
    else groups.push({ family, span: 1, start: i });
  });
  const familyStart = new Set(groups.map((g) => g.start));
  const ariaSort = (s: MatrixSort) =>
    params.sort === s ? (params.dir === "asc" ? "ascending" : "descending") : undefined;
  return (
    <div role="rowgroup" className="sticky top-0 z-20 bg-white">
      <div
        role="row"
        aria-rowindex={1}
        className="grid border-b border-slate-200"
        style={{ gridTemplateColumns: gridTemplate(columns.length), height: GROUP_HEADER_HEIGHT }}
      >
        <div role="columnheader" className="sticky left-0 z-10 bg-white" />
        <div role="columnheader" className="bg-white" />
        {groups.map((g) => (
          <div
            key={`${g.family}-${g.start}`}
            role="columnheader"
            aria-colspan={g.span}
            className="flex items-center border-l border-slate-300 bg-slate-50 px-2 text-xs font-semibold tracking-wide text-slate-700"
            style={{ gridColumn: `span ${g.span}` }}
          >
            {g.family}
          </div>
        ))}
      </div>
      <div
        role="row"
        aria-rowindex={2}
        className="grid border-b-2 border-slate-300"
        style={{ gridTemplateColumns: gridTemplate(columns.length), height: CONTROL_HEADER_HEIGHT }}
      >
        <div
          role="columnheader"
          aria-sort={ariaSort(params.sort === "id" ? "id" : params.sort === "ou" ? "ou" : "name")}
          className="sticky left-0 z-10 flex items-end gap-2 border-r border-slate-200 bg-white px-2 pb-1.5 text-xs"
        >
          <input
            type="checkbox"
            aria-label={`Select all ${selectAll.count} accounts shown`}
            className="mb-0.5 h-4 w-4 accent-sky-700"
            checked={selectAll.checked}
            ref={(el) => {
              if (el) el.indeterminate = selectAll.indeterminate;
            }}
            onChange={selectAll.onChange}
            data-testid="select-all"
          />
          <span className="flex flex-wrap items-center gap-x-1 text-slate-500">
            Account
            <SortButton label="name" sort="name" params={params} onSort={onSort} />
            <SortButton label="id" sort="id" params={params} onSort={onSort} />
            <SortButton label="OU" sort="ou" params={params} onSort={onSort} />
          </span>
        </div>
        <div
          role="columnheader"
          aria-sort={ariaSort("failing")}
          className="flex items-end justify-center border-r border-slate-200 bg-white pb-1.5 text-xs"
        >
          <SortButton label="Failing" sort="failing" params={params} onSort={onSort} />
        </div>
        {columns.map((c, i) => {
          const control = controls[c]!;
          const count = failing[i] ?? 0;
          return (
            <div
              key={control.id}
              role="columnheader"
              title={`${control.id}: ${control.title} (${control.severity.toLowerCase()} severity). ${count} failing account${count === 1 ? "" : "s"} shown.`}
              className={clsx(
                "flex flex-col items-center justify-end gap-0.5 bg-white pb-1 text-xs",
                familyStart.has(i) && "border-l border-slate-300",
              )}
              data-testid={`col-${control.id}`}
            >
              <span className="sr-only">{control.id}</span>
              <span aria-hidden className="font-semibold text-slate-800">
                {control.short}
              </span>
              <span
                className={clsx(
                  "min-w-6 rounded px-1 text-center tabular-nums",
                  count ? "bg-failed/10 font-semibold text-failed" : "text-slate-400",
                )}
                data-testid="failing-count"
              >
                {count}
                <span className="sr-only"> failing</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
