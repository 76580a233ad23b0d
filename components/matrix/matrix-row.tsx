"use client";
// One account row of the virtualized matrix. Memoized: scrolling re-renders only rows that enter
// the window, and a hover never re-renders a row (the tooltip has its own state).
import clsx from "clsx";
import Link from "next/link";
import { memo } from "react";
import type { ControlColumn, MatrixRow } from "@/lib/views/matrix-types";
import { decodeCell } from "@/lib/views/status-codes";
import { NO_RESULT_STYLE, STATUS_STYLE } from "@/components/status/status-style";
import { FIRST_CELL_COL, gridTemplate, ROW_HEIGHT } from "@/components/matrix/matrix-layout";

interface Props {
  row: MatrixRow;
  index: number;
  ouPath: string;
  controls: ControlColumn[];
  columns: number[];
  familyStarts: Set<number>;
  failingCount: number;
  selected: boolean;
  /** The keyboard-active column when this row holds the active element, else -1. */
  activeCol: number;
  top: number;
  onToggle: (id: string) => void;
}

export function cellLabel(control: ControlColumn, code: string | undefined): string {
  const { status, stale } = decodeCell(code);
  if (!status) return `${control.id}: not evaluated yet`;
  if (stale) return `${control.id}: error, showing the last good verdict (${STATUS_STYLE[stale].label}) as stale`;
  return `${control.id}: ${STATUS_STYLE[status].label}`;
}

function MatrixRowViewInner({
  row,
  index,
  ouPath,
  controls,
  columns,
  familyStarts,
  failingCount,
  selected,
  activeCol,
  top,
  onToggle,
}: Props) {
  const tab = (col: number) => (activeCol === col ? 0 : -1);
  return (
    <div
      role="row"
      aria-rowindex={index + 3}
      aria-selected={selected}
      className={clsx(
        "group absolute left-0 top-0 grid w-full border-b border-slate-100",
        selected ? "bg-sky-50" : "bg-white",
      )}
      style={{
        gridTemplateColumns: gridTemplate(columns.length),
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
      }}
      data-account={row.id}
    >
      <div
        role="rowheader"
        className={clsx(
          "sticky left-0 z-10 flex min-w-0 items-center gap-2 border-r border-slate-200 px-2",
          selected ? "bg-sky-50" : "bg-white group-hover:bg-slate-50",
        )}
      >
        <input
          type="checkbox"
          className="h-4 w-4 shrink-0 accent-sky-700"
          aria-label={`Select ${row.name} (${row.id})`}
          checked={selected}
          onChange={() => onToggle(row.id)}
          tabIndex={tab(0)}
          data-r={index}
          data-c={0}
        />
        <Link
          href={`/accounts/${row.id}`}
          prefetch={false}
          className="min-w-0 flex-1 truncate text-sm text-slate-900 hover:text-sky-800 hover:underline"
          title={`${row.name} · ${row.id} · ${ouPath || "no OU"}`}
          tabIndex={tab(1)}
          data-r={index}
          data-c={1}
        >
          {row.name}
          <span className="ml-1.5 font-mono text-[11px] text-slate-500">{row.id}</span>
        </Link>
        {row.c === "error" ? (
          <span
            className="shrink-0 rounded bg-errored/10 px-1 text-[10px] font-medium text-errored"
            title="The latest collection of this account failed"
          >
            collection failed
          </span>
        ) : row.st ? (
          <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] font-medium text-slate-600">
            {row.st.toLowerCase()}
          </span>
        ) : null}
      </div>
      <div
        role="gridcell"
        className={clsx(
          "flex items-center justify-center border-r border-slate-200 text-sm tabular-nums",
          failingCount ? "font-semibold text-failed" : "text-slate-400",
        )}
      >
        {failingCount}
      </div>
      {columns.map((c, i) => {
        const control = controls[c]!;
        const code = row.s[c];
        const { status, stale } = decodeCell(code);
        const style = status ? STATUS_STYLE[stale ? "ERROR" : status] : NO_RESULT_STYLE;
        const col = i + FIRST_CELL_COL;
        return (
          <div
            key={control.id}
            role="gridcell"
            tabIndex={tab(col)}
            aria-label={cellLabel(control, code)}
            aria-haspopup="dialog"
            className={clsx(
              "relative m-px flex cursor-pointer select-none items-center justify-center rounded-sm text-sm leading-none outline-offset-0 hover:ring-2 hover:ring-slate-400",
              style.cell,
              stale && "border border-dashed border-errored/70",
              familyStarts.has(i) && "ml-[3px]",
            )}
            data-r={index}
            data-c={col}
            data-status={stale ? "ERROR" : (status ?? "NONE")}
            data-testid={`cell-${row.id}-${control.id}`}
          >
            {stale ? (
              <>
                <span aria-hidden className={clsx("opacity-50", STATUS_STYLE[stale].text)}>
                  {STATUS_STYLE[stale].glyph}
                </span>
                <span aria-hidden className="absolute right-0 top-0 text-[9px] leading-none text-errored">
                  ⚠
                </span>
              </>
            ) : (
              <span aria-hidden>{style.glyph}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}

export const MatrixRowView = memo(MatrixRowViewInner);
