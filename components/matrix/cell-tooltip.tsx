"use client";
// One tooltip for the whole matrix, positioned next to the hovered or focused cell. Its state lives
// here, not in the grid, so moving the mouse re-renders this box only.
import clsx from "clsx";
import { useImperativeHandle, useState, type Ref } from "react";
import type { ControlColumn } from "@/lib/views/matrix-types";
import { decodeCell } from "@/lib/views/status-codes";
import { STATUS_STYLE } from "@/components/status/status-style";
import type { ReasonLookup } from "@/components/matrix/use-row-reasons";

export const CELL_TOOLTIP_ID = "matrix-cell-tooltip";

export interface TooltipTarget {
  accountId: string;
  accountName: string;
  control: ControlColumn;
  code: string | undefined;
  rect: DOMRect;
}

export interface CellTooltipHandle {
  show(target: TooltipTarget): void;
  hide(): void;
}

export function CellTooltip({ ref, reasons }: { ref: Ref<CellTooltipHandle>; reasons: ReasonLookup }) {
  const [target, setTarget] = useState<TooltipTarget | null>(null);
  useImperativeHandle(ref, () => ({ show: setTarget, hide: () => setTarget(null) }), []);
  if (!target) return null;
  const { status, stale } = decodeCell(target.code);
  const reason = reasons.get(target.accountId, target.control.id);
  const width = 340;
  const left = Math.max(
    8,
    Math.min(target.rect.left + target.rect.width / 2 - width / 2, window.innerWidth - width - 8),
  );
  const below = target.rect.bottom + 160 < window.innerHeight;
  const style = below
    ? { left, top: target.rect.bottom + 6, width }
    : { left, bottom: window.innerHeight - target.rect.top + 6, width };
  return (
    <div
      id={CELL_TOOLTIP_ID}
      role="tooltip"
      className="pointer-events-none fixed z-50 rounded-md border border-slate-200 bg-white p-3 text-xs shadow-lg"
      style={style}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="font-semibold text-slate-900">{target.control.id}</span>
        {status ? (
          <span className={clsx("rounded border px-1.5 py-0.5 font-medium", STATUS_STYLE[status].badge)}>
            <span aria-hidden>{STATUS_STYLE[status].glyph} </span>
            {STATUS_STYLE[status].label}
          </span>
        ) : (
          <span className="text-slate-500">Not evaluated yet</span>
        )}
      </div>
      <p className="mt-0.5 text-slate-600">{target.control.title}</p>
      <p className="mt-1 truncate text-slate-500">
        {target.accountName} · <span className="font-mono">{target.accountId}</span>
      </p>
      <p className="mt-2 text-slate-800">
        {reason
          ? reason.r
          : reasons.failed(target.accountId)
            ? "The reason could not be loaded."
            : status
              ? "Loading the reason…"
              : "No verdict for this control yet."}
      </p>
      {stale ? (
        <p className="mt-1 text-slate-600">
          Last good verdict, now stale: <strong>{STATUS_STYLE[stale].label}</strong>
          {reason?.sr ? `: ${reason.sr}` : ""}
        </p>
      ) : null}
      <p className="mt-2 text-slate-400">Click or press Enter for the evidence</p>
    </div>
  );
}
