import clsx from "clsx";
import { VERDICT_STATUSES } from "@/lib/views/status-codes";
import { STATUS_STYLE } from "@/components/status/status-style";

/** What the cell glyphs mean; the stale mark is the only one that is not a plain status. */
export function MatrixLegend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      {VERDICT_STATUSES.map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span
            aria-hidden
            className={clsx("inline-flex h-5 w-6 items-center justify-center rounded-sm text-xs", STATUS_STYLE[s].cell)}
          >
            {STATUS_STYLE[s].glyph}
          </span>
          {STATUS_STYLE[s].label}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span
          aria-hidden
          className="relative inline-flex h-5 w-6 items-center justify-center rounded-sm border border-dashed border-errored/70 bg-errored/10 text-xs"
        >
          <span className="text-passed opacity-50">✓</span>
          <span className="absolute right-0 top-0 text-[9px] leading-none text-errored">⚠</span>
        </span>
        Collection failed: last good verdict, stale
      </li>
    </ul>
  );
}
