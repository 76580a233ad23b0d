// Recent collections of the account and what went wrong in each (which call, where, why).
import clsx from "clsx";
import { getAccountHistory } from "@/lib/read-models/get-account-history";
import { Card } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";

const STATUS: Record<string, string> = {
  ok: "bg-passed/10 text-passed",
  partial: "bg-warning/10 text-warning",
  error: "bg-failed/10 text-failed",
  running: "bg-sky-100 text-sky-900",
  pending: "bg-slate-100 text-slate-700",
  skipped: "bg-slate-100 text-slate-700",
};

export async function HistoryCard({ accountId }: { accountId: string }) {
  const history = await getAccountHistory(accountId);
  return (
    <Card
      title="Collection history"
      description="The latest collections of this account, with the calls that failed."
      testId="history"
    >
      {history.length === 0 ? (
        <p className="text-sm text-slate-500">Never collected.</p>
      ) : (
        <ol className="-my-2 divide-y divide-slate-100">
          {history.map((h, i) => (
            <li key={`${h.runId ?? "snapshot"}-${h.at}-${i}`} className="py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span
                  className={clsx(
                    "rounded px-1.5 py-0.5 text-xs font-semibold",
                    STATUS[h.status] ?? "bg-slate-100 text-slate-700",
                  )}
                >
                  {h.status}
                </span>
                <TimeAgo at={h.at} className="text-slate-700" />
                <span className="text-xs text-slate-500">
                  {h.trigger ?? "snapshot outside a run"} · {h.apiCalls} API calls
                </span>
              </div>
              {h.error ? <p className="mt-1 text-xs text-failed">{h.error}</p> : null}
              {h.errors.length ? (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                  {h.errors.slice(0, 8).map((e, j) => (
                    <li key={j}>
                      <code className="font-mono">
                        {e.service}:{e.operation}
                      </code>
                      {e.accountId ? ` in ${e.accountId}` : ""}
                      {e.region ? ` (${e.region})` : ""}
                      {e.resource ? <span className="break-all text-slate-500"> on {e.resource}</span> : null}:{" "}
                      <span className="font-medium">{e.code}</span> <span className="text-slate-500">{e.message}</span>
                    </li>
                  ))}
                  {h.errors.length > 8 ? <li className="text-slate-500">and {h.errors.length - 8} more</li> : null}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
