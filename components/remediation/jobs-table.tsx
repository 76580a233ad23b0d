// Every remediation job for managers: account, who asked, status, duration and outcome.
import Link from "next/link";
import type { RemediationJobRow } from "@/lib/read-models/list-remediation-jobs";
import { formatDuration, formatUtc } from "@/components/ui/format-time";
import { JobStatusBadge } from "@/components/remediation/job-status-badge";

export function JobsTable({ jobs }: { jobs: RemediationJobRow[] }) {
  if (jobs.length === 0)
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No remediation has been applied yet. Use “Fix whole family” on an account or in the matrix.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="remediation-jobs">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Started
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Account
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Requested by
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Steps
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Duration
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Outcome
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((j) => (
            <tr key={j.id} className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap text-slate-600">
                <Link href={`/remediation/${j.id}`} className="text-sky-800 underline-offset-2 hover:underline">
                  {formatUtc(j.startedAt ?? j.createdAt)}
                </Link>
              </td>
              <td className="py-2 pr-3">
                {j.scope === "organization" ? (
                  <span className="font-medium text-slate-900" data-testid="job-scope-organization">
                    Organization
                  </span>
                ) : (
                  <Link href={`/accounts/${j.accountId}`} className="font-medium text-slate-900 hover:underline">
                    {j.accountName ?? j.accountId}
                  </Link>
                )}
                <div className="font-mono text-xs text-slate-500">
                  {j.scope === "organization" ? `trail in ${j.accountId}` : j.accountId}
                </div>
              </td>
              <td className="py-2 pr-3 text-slate-700">{j.requestedBy}</td>
              <td className="py-2 pr-3">
                <JobStatusBadge status={j.status} />
              </td>
              <td className="py-2 pr-3 tabular-nums text-slate-700">
                {j.steps.succeeded}/{j.steps.total}
                {j.steps.failed ? <span className="text-failed"> · {j.steps.failed} failed</span> : null}
              </td>
              <td className="py-2 pr-3 tabular-nums text-slate-700">{formatDuration(j.durationMs)}</td>
              <td className="max-w-md py-2 pr-3 text-slate-700">
                <span
                  className={
                    j.status === "succeeded"
                      ? "text-passed"
                      : j.status === "failed"
                        ? "text-failed"
                        : j.status === "needs-attention"
                          ? "text-warning"
                          : undefined
                  }
                >
                  {j.outcome}
                </span>
                {j.failingBefore ? (
                  <div className="text-xs text-slate-500">
                    failing before {j.failingBefore} → after{" "}
                    {j.active || j.status === "cancelled" ? "—" : j.failingAfter}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
