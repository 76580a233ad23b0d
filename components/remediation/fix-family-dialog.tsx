"use client";
// "Fix whole family" for one account, or the organization fix (scope "organization"): plans (POST
// mode "plan"), shows the plan as a diff, asks for an explicit confirmation, applies exactly that
// plan (POST mode "apply" with its planId), then follows the job's progress live. A native modal
// <dialog>: Escape or the close button leaves it.
import { useMutation } from "@tanstack/react-query";
import { Loader2, Wrench, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RemediationJobView } from "@/lib/views/remediation-view";
import { AlarmDestinationForm } from "@/components/remediation/alarm-destination-form";
import { applyPlan, planFix, type FixTarget, type PlanChoices } from "@/components/remediation/remediation-api";
import { JobProgress } from "@/components/remediation/job-progress";
import { PlanDiff } from "@/components/remediation/plan-diff";

export function FixFamilyDialog({
  accountId,
  accountName,
  organization = false,
  onClose,
}: {
  accountId?: string;
  accountName?: string;
  /** The organization fix instead of one account's family fix. */
  organization?: boolean;
  onClose: () => void;
}) {
  const target: FixTarget = organization ? { scope: "organization" } : { accountId: accountId ?? "" };
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [confirmed, setConfirmed] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  // What this plan was asked for (the alarm destination, the optional Config rule): kept across re-plans.
  const [choices, setChoices] = useState<PlanChoices>({});
  const plan = useMutation({ mutationFn: (asked?: PlanChoices) => planFix(target, asked) });
  const apply = useMutation({
    mutationFn: (planId: string) => applyPlan(target, planId),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const { mutate: startPlan } = plan;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    startPlan(undefined);
  }, [startPlan]);

  const onFinished = useCallback(() => router.refresh(), [router]);
  const job: RemediationJobView | undefined = plan.data;
  const applicable = job?.plan.status === "ready";
  const asked = job?.plan.notes.find((n) => n.code === "alarm-destination-needed");

  return (
    <dialog
      ref={ref}
      aria-labelledby="fix-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-[min(860px,100vw)] max-w-none overflow-hidden border-l border-slate-200 bg-slate-50 p-0 shadow-2xl backdrop:bg-slate-900/30"
      data-testid="fix-family-dialog"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-4">
          <div className="min-w-0">
            <h2 id="fix-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
              <Wrench aria-hidden className="h-4 w-4" />{" "}
              {organization
                ? "Organization fix: one organization trail and a guardrail"
                : "Fix the whole CloudTrail family"}
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {organization ? (
                "Every account of the organization, present and future"
              ) : (
                <>
                  {accountName ?? "Account"} · <span className="font-mono">{accountId}</span>
                </>
              )}
              {jobId ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/remediation/${jobId}`} className="text-sky-800 underline-offset-2 hover:underline">
                    job page
                  </Link>
                </>
              ) : null}
            </p>
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            aria-label="Close"
          >
            <X aria-hidden className="h-5 w-5" />
          </button>
        </header>
        <div className="flex-1 overflow-y-auto px-5 py-4">
          {jobId ? (
            <JobProgress jobId={jobId} initial={apply.data?.job} canAct onFinished={onFinished} />
          ) : plan.isPending || plan.isIdle ? (
            <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
              <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> Planning from the latest snapshot…
            </p>
          ) : plan.isError ? (
            <p role="alert" className="rounded-md border border-failed/30 bg-failed/5 p-3 text-sm text-failed">
              The plan could not be made: {plan.error.message}
            </p>
          ) : job ? (
            <>
              {asked ? (
                <AlarmDestinationForm
                  message={asked.message}
                  pending={plan.isPending}
                  onSubmit={(destination) => {
                    const next = { ...choices, ...destination };
                    setChoices(next);
                    setConfirmed(false);
                    startPlan(next);
                  }}
                />
              ) : null}
              {organization ? (
                <label
                  className="mb-3 flex items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-800"
                  data-testid="config-rule-option"
                >
                  <input
                    type="checkbox"
                    className="mt-0.5 h-4 w-4"
                    checked={Boolean(job.plan.organization?.configRule)}
                    disabled={plan.isPending}
                    onChange={(e) => {
                      const next = { ...choices, configRule: e.target.checked };
                      setChoices(next);
                      setConfirmed(false);
                      startPlan(next);
                    }}
                    data-testid="config-rule-toggle"
                  />
                  <span>
                    Also deploy AWS Config&apos;s rule{" "}
                    <span className="font-mono">multi-region-cloudtrail-enabled</span> to every account (an organization
                    Config rule, from the management account). Optional: AWS Config bills its evaluations, and it
                    evaluates only where a configuration recorder runs.
                  </span>
                </label>
              ) : null}
              <PlanDiff plan={job.plan} steps={job.steps} />
            </>
          ) : null}
        </div>
        {!jobId && job ? (
          <footer className="flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-5 py-3">
            {applicable ? (
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                  className="h-4 w-4"
                  data-testid="confirm-plan"
                />
                I reviewed these {job.steps.length} changes to{" "}
                {organization ? "the organization" : `account ${accountId}`}
              </label>
            ) : null}
            {apply.isError ? (
              <p role="alert" className="text-sm text-failed">
                {apply.error.message}
              </p>
            ) : null}
            <div className="ml-auto flex gap-2">
              <button
                type="button"
                onClick={onClose}
                className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                {applicable ? "Cancel" : "Close"}
              </button>
              {applicable ? (
                <button
                  type="button"
                  disabled={!confirmed || apply.isPending}
                  onClick={() => apply.mutate(job.id)}
                  className="inline-flex h-9 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-400"
                  data-testid="apply-plan"
                >
                  {apply.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
                  Apply {job.steps.length} steps
                </button>
              ) : null}
            </div>
          </footer>
        ) : null}
      </div>
    </dialog>
  );
}
