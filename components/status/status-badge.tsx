import clsx from "clsx";
import type { VerdictStatus } from "@/lib/views/status-codes";
import { STATUS_STYLE } from "@/components/status/status-style";

/** A status as a pill: glyph + word; an ERROR with a last good verdict names it, marked stale. */
export function StatusBadge({
  status,
  stale,
  className,
}: {
  status: VerdictStatus | null;
  stale?: VerdictStatus | null;
  className?: string;
}) {
  if (!status) {
    return (
      <span
        className={clsx(
          "inline-flex items-center rounded border border-slate-200 px-1.5 py-0.5 text-xs text-slate-500",
          className,
        )}
      >
        Not evaluated
      </span>
    );
  }
  const style = STATUS_STYLE[status];
  return (
    <span className={clsx("inline-flex items-center gap-1.5", className)}>
      <span
        className={clsx("inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium", style.badge)}
      >
        <span aria-hidden>{style.glyph}</span>
        {style.label}
      </span>
      {stale && stale !== "ERROR" ? (
        <span
          className={clsx(
            "inline-flex items-center gap-1 rounded border border-dashed px-1.5 py-0.5 text-xs opacity-70",
            STATUS_STYLE[stale].badge,
          )}
        >
          <span aria-hidden>{STATUS_STYLE[stale].glyph}</span>
          {STATUS_STYLE[stale].label} · stale
        </span>
      ) : null}
    </span>
  );
}
