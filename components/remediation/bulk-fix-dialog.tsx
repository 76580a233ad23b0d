"use client";
// "Fix whole family" for the accounts selected in the matrix: plans every account (five requests at
// a time), shows each plan's summary with its full diff on demand, asks for one explicit
// confirmation, then applies the plans with at most five accounts remediating at once (the next
// starts when one finishes), following each job live.
import { Loader2, Wrench, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { RemediationJobView } from "@/lib/views/remediation-view";
import { BulkRunner, type BulkApplyState } from "@/components/remediation/bulk-runner";
import { mapBounded, planFix } from "@/components/remediation/remediation-api";
import { JobStatusBadge } from "@/components/remediation/job-status-badge";
import { useJob } from "@/components/remediation/job-progress";
import { PlanDiff } from "@/components/remediation/plan-diff";

export const BULK_CONCURRENCY = 5;

type Planned = { accountId: string; job?: RemediationJobView; error?: string };

function JobRow({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const { data } = useJob(jobId);
  const finished = data ? !data.active : false;
  const reported = useRef(false);
  useEffect(() => {
    // Reported once: the parent's callback changes on every render.
    if (finished && !reported.current) {
      reported.current = true;
      onDone();
    }
  }, [finished, onDone]);
  if (!data) return <Loader2 aria-hidden className="h-4 w-4 animate-spin text-slate-400" />;
  const done = data.progress.succeeded + data.progress.failed + data.progress.skipped;
  return (
    <span className="flex items-center gap-2">
      <JobStatusBadge status={data.status} testId="bulk-job-status" />
      <span className="text-xs text-slate-600">
        {done}/{data.progress.total}
      </span>
      <Link href={`/remediation/${jobId}`} className="text-xs text-sky-800 underline-offset-2 hover:underline">
        details
      </Link>
    </span>
  );
}

export function BulkFixDialog({ accountIds, onClose }: { accountIds: string[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [plans, setPlans] = useState<Planned[] | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [applied, setApplied] = useState<Record<string, BulkApplyState> | null>(null);
  const [queue, setQueue] = useState<string[]>([]);
  const [runner] = useState(
    () =>
      new BulkRunner(
        BULK_CONCURRENCY,
        (accountId, state) => setApplied((a) => ({ ...a, [accountId]: { ...a?.[accountId], ...state } })),
        setQueue,
      ),
  );

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    let live = true;
    void mapBounded(accountIds, BULK_CONCURRENCY, async (accountId): Promise<Planned> => {
      try {
        return { accountId, job: await planFix(accountId) };
      } catch (err) {
        return { accountId, error: (err as Error).message };
      }
    }).then((r) => live && setPlans(r));
    return () => {
      live = false;
    };
  }, [accountIds]);

  const ready = (plans ?? []).filter((p) => p.job?.plan.status === "ready");
  const allDone = applied !== null && queue.length === 0 && Object.values(applied).every((a) => a.done);
  useEffect(() => {
    if (allDone) router.refresh();
  }, [allDone, router]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="bulk-fix-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-[min(960px,100vw)] max-w-none overflow-hidden border-l border-slate-200 bg-slate-50 p-0 shadow-2xl backdrop:bg-slate-900/30"
      data-testid="bulk-fix-dialog"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-4">
          <h2 id="bulk-fix-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <Wrench aria-hidden className="h-4 w-4" /> Fix the whole family for {accountIds.length} account
            {accountIds.length === 1 ? "" : "s"}
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded p-1 text-slate-500 hover:bg-slate-100"
            aria-label="Close"
          >
            <X aria-hidden className="h-5 w-5" />
          </button>
        </header>
        <div className="flex-1 overflow-y-auto px-5 py-4">
          {!plans ? (
            <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
              <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> Planning {accountIds.length} accounts (
              {BULK_CONCURRENCY} at a time)…
            </p>
          ) : (
            <ul className="space-y-2" aria-label="Plans">
              {plans.map((p) => (
                <li
                  key={p.accountId}
                  className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
                  data-testid="bulk-plan"
                >
                  <div className="flex flex-wrap items-center gap-3">
                    <span className="font-medium text-slate-900">{p.job?.accountName ?? p.accountId}</span>
                    <span className="font-mono text-xs text-slate-500">{p.accountId}</span>
                    <span className="min-w-0 flex-1 text-slate-700">
                      {p.error ? <span className="text-failed">{p.error}</span> : p.job?.plan.summary}
                    </span>
                    {applied?.[p.accountId]?.jobId ? (
                      <JobRow
                        jobId={applied[p.accountId]!.jobId!}
                        onDone={() => {
                          setApplied((a) => ({ ...a, [p.accountId]: { ...a?.[p.accountId], done: true } }));
                          runner.finished(p.accountId);
                        }}
                      />
                    ) : null}
                    {applied?.[p.accountId]?.error ? (
                      <span className="text-xs text-failed">{applied[p.accountId]!.error}</span>
                    ) : null}
                    {applied && queue.includes(p.accountId) ? <JobStatusBadge status="queued" /> : null}
                  </div>
                  {p.job && p.job.steps.length > 0 ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs text-slate-600">
                        The plan ({p.job.steps.length} steps)
                      </summary>
                      <div className="mt-2">
                        <PlanDiff plan={p.job.plan} steps={p.job.steps} />
                      </div>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        {plans && !applied ? (
          <footer className="flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-5 py-3">
            {ready.length > 0 ? (
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                  className="h-4 w-4"
                  data-testid="confirm-bulk"
                />
                I reviewed the plans of {ready.length} account{ready.length === 1 ? "" : "s"}
              </label>
            ) : (
              <p className="text-sm text-slate-600">No selected account has anything to apply.</p>
            )}
            <div className="ml-auto flex gap-2">
              <button
                type="button"
                onClick={onClose}
                className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                Close
              </button>
              {ready.length > 0 ? (
                <button
                  type="button"
                  disabled={!confirmed}
                  onClick={() => {
                    setApplied({});
                    runner.start(ready.map((p) => ({ accountId: p.accountId, planId: p.job!.id })));
                  }}
                  className="h-9 rounded-md bg-sky-700 px-3 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-400"
                  data-testid="apply-bulk"
                >
                  Apply {ready.length} plan{ready.length === 1 ? "" : "s"}
                </button>
              ) : null}
            </div>
          </footer>
        ) : null}
      </div>
    </dialog>
  );
}
