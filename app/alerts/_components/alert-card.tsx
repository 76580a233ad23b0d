// One alert: rule, account, subject, summary, who did it and when, and each delivery's outcome.
import Link from "next/link";
import type { AlertView } from "@/lib/alerts/list-alerts";
import { RULE_TEXT, type RuleId } from "@/lib/alerts/alert-rules";

function time(iso: string | null): string {
  return iso ? iso.replace("T", " ").slice(0, 19) + " UTC" : "";
}

const DELIVERY_STYLE: Record<string, string> = {
  delivered: "bg-green-50 text-green-800 border-green-200",
  failed: "bg-red-50 text-red-800 border-red-200",
  pending: "bg-slate-50 text-slate-700 border-slate-200",
};

export function AlertCard({ alert: a }: { alert: AlertView }) {
  const firing = a.status === "firing";
  return (
    <li
      id={`alert-${a.id}`}
      className={`rounded-lg border bg-white p-4 text-sm ${firing ? "border-red-300" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span
          className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${firing ? "bg-red-600 text-white" : "bg-slate-200 text-slate-700"}`}
        >
          {a.status}
        </span>
        <span className="font-medium">{RULE_TEXT[a.rule as RuleId]?.title ?? a.rule}</span>
        <Link href={`/accounts/${a.accountId}`} className="text-sky-700 underline">
          {a.accountName} ({a.accountId})
        </Link>
        {a.controlId && <span className="font-mono text-xs">{a.controlId}</span>}
        <span className="ml-auto text-xs text-slate-500">
          detected {time(a.detectedAt)}
          {a.resolvedAt ? ` · resolved ${time(a.resolvedAt)}` : ""}
        </span>
      </div>
      <p className="mt-2">{a.summary}</p>
      {a.resolvedSummary && <p className="mt-1 text-slate-600">{a.resolvedSummary}</p>}
      {a.trailArn && <p className="mt-1 break-all font-mono text-xs text-slate-600">{a.trailArn}</p>}
      <p className="mt-2 text-slate-700" data-testid="alert-actor">
        {a.actor ? (
          <>
            {a.actor.eventName ?? "Changed"} by <span className="font-mono text-xs">{a.actor.arn ?? "unknown"}</span>{" "}
            from {a.actor.sourceIp ?? "an unknown address"} at {time(a.actor.eventTime)}
          </>
        ) : (
          <span className="text-slate-500">Who made the change is not in CloudTrail event history yet.</span>
        )}
      </p>
      {a.deliveries.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Deliveries">
          {a.deliveries.map((d, i) => (
            <li
              key={i}
              className={`rounded border px-2 py-0.5 text-xs ${DELIVERY_STYLE[d.status] ?? DELIVERY_STYLE.pending}`}
              title={d.error ?? undefined}
            >
              {d.event} → {d.destination}: {d.status}
              {d.attempts > 1 ? ` after ${d.attempts} attempts` : ""}
              {d.error && d.status !== "delivered" ? ` (${d.error})` : ""}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
