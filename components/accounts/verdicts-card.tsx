// Every verdict of the account with its reason, its evidence and Security Hub beside it.
import clsx from "clsx";
import Link from "next/link";
import { getAccountVerdicts } from "@/lib/read-models/get-account-verdicts";
import { reconciliationTone } from "@/lib/read-models/reconciliation-words";
import { StatusBadge } from "@/components/status/status-badge";
import { Card } from "@/components/ui/card";

const TONE = { good: "text-passed", wait: "text-sky-800", bad: "text-warning", none: "text-slate-500" };

export async function VerdictsCard({ accountId }: { accountId: string }) {
  const verdicts = await getAccountVerdicts(accountId);
  return (
    <Card
      title={`Verdicts (${verdicts.length})`}
      description="The evaluator's verdict for every control, with the resources it judged."
      testId="verdicts"
    >
      {verdicts.length === 0 ? (
        <p className="text-sm text-slate-500">Not evaluated yet.</p>
      ) : (
        <div className="-mx-4 -my-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="w-64 px-4 py-2 font-medium">
                  Control
                </th>
                <th scope="col" className="w-44 px-2 py-2 font-medium">
                  Verdict
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Reason and evidence
                </th>
                <th scope="col" className="w-64 px-4 py-2 font-medium">
                  Security Hub
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {verdicts.map((v) => (
                <tr
                  key={v.controlId}
                  id={`verdict-${v.controlId}`}
                  className="align-top"
                  data-testid={`verdict-${v.controlId}`}
                >
                  <th scope="row" className="px-4 py-2.5 font-normal">
                    <Link
                      href={`/matrix?q=${accountId}&cell=${accountId}:${v.controlId}`}
                      className="font-semibold text-slate-900 hover:text-sky-800 hover:underline"
                    >
                      {v.controlId}
                    </Link>
                    <p className="mt-0.5 text-xs text-slate-600">{v.title}</p>
                  </th>
                  <td className="px-2 py-2.5">
                    <StatusBadge status={v.status} stale={v.stale?.status} className="flex-wrap" />
                  </td>
                  <td className="px-2 py-2.5">
                    <p className="text-slate-900">{v.reason}</p>
                    {v.stale?.reason ? (
                      <p className="mt-1 text-xs text-slate-600">Last good verdict: {v.stale.reason}</p>
                    ) : null}
                    {v.evidence.length ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs font-medium text-sky-800">
                          Evidence ({v.evidence.length})
                        </summary>
                        <ul className="mt-1 space-y-0.5">
                          {v.evidence.map((arn) => (
                            <li key={arn} className="break-all font-mono text-[11px] text-slate-700">
                              {arn}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5 text-xs">
                    {v.securityHub?.status ? (
                      <p className="font-medium text-slate-800">
                        {v.securityHub.status}
                        {v.securityHub.workflowStatus ? ` · ${v.securityHub.workflowStatus}` : ""}
                      </p>
                    ) : null}
                    <p className={clsx("mt-0.5", TONE[reconciliationTone(v.reconciliation)])}>{v.reconciliationText}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
