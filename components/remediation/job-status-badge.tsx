// A remediation job's or step's status as a pill: glyph and word, never colour alone.
import clsx from "clsx";
import { Loader2 } from "lucide-react";

const STYLE: Record<string, { label: string; glyph: string; className: string }> = {
  planned: { label: "Planned", glyph: "◇", className: "border-slate-300 bg-white text-slate-700" },
  pending: { label: "Pending", glyph: "·", className: "border-slate-200 bg-white text-slate-500" },
  queued: { label: "Queued", glyph: "…", className: "border-sky-200 bg-sky-50 text-sky-900" },
  running: { label: "Running", glyph: "", className: "border-sky-300 bg-sky-100 text-sky-900" },
  verifying: { label: "Verifying", glyph: "", className: "border-sky-300 bg-sky-100 text-sky-900" },
  succeeded: { label: "Succeeded", glyph: "✓", className: "border-passed/30 bg-passed/10 text-passed" },
  "needs-attention": {
    label: "Applied — needs attention",
    glyph: "!",
    className: "border-warning/40 bg-warning/10 text-warning",
  },
  failed: { label: "Failed", glyph: "✕", className: "border-failed/40 bg-failed/10 text-failed" },
  cancelled: { label: "Cancelled", glyph: "⊘", className: "border-slate-300 bg-slate-100 text-slate-700" },
  skipped: { label: "Skipped", glyph: "–", className: "border-slate-200 bg-slate-50 text-slate-500" },
};

export function JobStatusBadge({ status, className, testId }: { status: string; className?: string; testId?: string }) {
  const s = STYLE[status] ?? { label: status, glyph: "", className: "border-slate-300 bg-white text-slate-700" };
  const spinning = status === "running" || status === "verifying";
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium",
        s.className,
        className,
      )}
      data-testid={testId}
      data-status={status}
    >
      {spinning ? <Loader2 aria-hidden className="h-3 w-3 animate-spin" /> : <span aria-hidden>{s.glyph}</span>}
      {s.label}
    </span>
  );
}
