import Link from "next/link";
import { getPostureSummary } from "@/lib/read-models/get-posture-summary";
import { Card } from "@/components/ui/card";

export async function WorstAccountsCard() {
  const { worst } = await getPostureSummary();
  return (
    <Card
      title="Accounts failing the most controls"
      action={
        <Link href="/matrix?sort=failing&failing=1" className="text-xs font-medium text-sky-800 hover:underline">
          All failing →
        </Link>
      }
      className="h-full"
      testId="worst-accounts"
    >
      {worst.length === 0 ? (
        <p className="text-sm text-passed">No account fails a control.</p>
      ) : (
        <ol className="-my-1 divide-y divide-slate-100">
          {worst.map((a) => (
            <li key={a.id} className="flex items-center gap-3 py-1.5">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/accounts/${a.id}`}
                  className="block truncate text-sm font-medium text-slate-900 hover:text-sky-800 hover:underline"
                >
                  {a.name}
                </Link>
                <p className="truncate text-xs text-slate-500" title={a.failingIds.join(", ")}>
                  <span className="font-mono">{a.id}</span> · {a.ouPath || "no OU"}
                </p>
              </div>
              <span className="shrink-0 text-right text-sm tabular-nums">
                <span className="font-semibold text-failed">{a.failing}</span>
                <span className="text-slate-500"> failing</span>
                {a.errors ? (
                  <span className="block text-xs text-errored">
                    {a.errors} error{a.errors === 1 ? "" : "s"}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
