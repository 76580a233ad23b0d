import clsx from "clsx";
import type { ReactNode } from "react";

/** A headline figure with what it counts, e.g. "62%" over "412 of 664 accounts". */
export function StatCard({
  label,
  value,
  detail,
  tone = "neutral",
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: "good" | "bad" | "neutral";
  testId?: string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</h2>
      <p
        className={clsx(
          "mt-1 text-3xl font-semibold tabular-nums",
          tone === "good" ? "text-passed" : tone === "bad" ? "text-failed" : "text-slate-900",
        )}
      >
        {value}
      </p>
      {detail ? <div className="mt-1 text-sm text-slate-600">{detail}</div> : null}
    </section>
  );
}

export function percent(part: number, whole: number): string {
  if (!whole) return "—";
  const p = (part / whole) * 100;
  return `${p >= 99.95 || p < 10 ? p.toFixed(1).replace(/\.0$/, "") : Math.round(p)}%`;
}
