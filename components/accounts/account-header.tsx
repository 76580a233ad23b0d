// Who the account is and where its posture stands, above the detail sections.
import clsx from "clsx";
import Link from "next/link";
import type { AccountSummary } from "@/lib/read-models/get-account-summary";
import { VERDICT_STATUSES } from "@/lib/views/status-codes";
import { STATUS_STYLE } from "@/components/status/status-style";
import { TimeAgo } from "@/components/ui/time-ago";

const SECTIONS = [
  ["timeline", "Timeline"],
  ["trails", "Trails"],
  ["verdicts", "Verdicts"],
  ["findings", "Security Hub"],
  ["history", "Collections"],
  ["raw", "Raw responses"],
] as const;

export function AccountHeader({ a }: { a: AccountSummary }) {
  return (
    <header className="mb-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/accounts" className="hover:text-slate-900 hover:underline">
          Accounts
        </Link>{" "}
        / <span className="font-mono">{a.id}</span>
      </nav>
      <div className="mt-1 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
            {a.name}
            {a.isManagement ? (
              <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900">
                management account
              </span>
            ) : null}
            {a.status !== "ACTIVE" ? (
              <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                {a.status.toLowerCase()}
              </span>
            ) : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <span className="font-mono">{a.id}</span> · {a.ouPath || "no OU"}
            {a.email ? ` · ${a.email}` : ""}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {a.latest ? (
              <>
                Last collected <TimeAgo at={a.latest.at} />:{" "}
                <span
                  className={clsx(
                    "font-medium",
                    a.latest.status === "ok"
                      ? "text-passed"
                      : a.latest.status === "partial"
                        ? "text-warning"
                        : "text-failed",
                  )}
                >
                  {a.latest.status}
                </span>
                {a.latest.error ? <span className="text-failed"> — {a.latest.error}</span> : null}
              </>
            ) : (
              "Never collected"
            )}
          </p>
          {a.staleVerdicts ? (
            <p className="mt-1 text-sm text-errored">
              The newest collection failed: verdicts below are from <TimeAgo at={a.evaluatedAt} /> and marked stale.
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-1.5" aria-label="Verdicts by status">
          {VERDICT_STATUSES.filter((s) => a.counts[s]).map((s) => (
            <span
              key={s}
              className={clsx(
                "inline-flex items-center gap-1 rounded border px-2 py-1 text-sm font-medium",
                STATUS_STYLE[s].badge,
              )}
            >
              <span aria-hidden>{STATUS_STYLE[s].glyph}</span>
              {a.counts[s]} {STATUS_STYLE[s].label.toLowerCase()}
            </span>
          ))}
          <Link
            href={`/matrix?q=${a.id}`}
            className="ml-2 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            In the matrix
          </Link>
        </div>
      </div>
      <nav aria-label="Sections" className="mt-4 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {SECTIONS.map(([id, label]) => (
          <a
            key={id}
            href={`#${id}`}
            className="rounded-t px-3 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            {label}
          </a>
        ))}
      </nav>
    </header>
  );
}
