"use client";
// Live progress of a remediation job: polls GET /api/v1/remediations/{id} every second while the
// job is queued, running or verifying; shows each step's outcome (with the AWS request id or the
// error), then the verification. Engineers can cancel a running job and retry a failed one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { RotateCcw, Square } from "lucide-react";
import { useEffect, useRef } from "react";
import type { RemediationJobView } from "@/lib/views/remediation-view";
import { formatDuration } from "@/components/ui/format-time";
import { cancelJob, fetchJob, retryJob } from "@/components/remediation/remediation-api";
import { JobStatusBadge } from "@/components/remediation/job-status-badge";
import { StepDiff } from "@/components/remediation/plan-diff";
import { VerificationPanel } from "@/components/remediation/verification-panel";

export function useJob(jobId: string, initial?: RemediationJobView) {
  return useQuery({
    queryKey: ["remediation", jobId],
    queryFn: () => fetchJob(jobId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.active ? 1000 : false),
  });
}

export function JobProgress({
  jobId,
  initial,
  canAct,
  onFinished,
}: {
  jobId: string;
  initial?: RemediationJobView;
  canAct: boolean;
  onFinished?: (job: RemediationJobView) => void;
}) {
  const client = useQueryClient();
  const query = useJob(jobId, initial);
  const job = query.data;
  const refresh = (next: { job: RemediationJobView }) => client.setQueryData(["remediation", jobId], next.job);
  const cancel = useMutation({ mutationFn: () => cancelJob(jobId), onSuccess: refresh });
  const retry = useMutation({ mutationFn: () => retryJob(jobId), onSuccess: refresh });

  const wasActive = useRef(job?.active ?? true);
  useEffect(() => {
    if (!job) return;
    if (wasActive.current && !job.active) onFinished?.(job);
    wasActive.current = job.active;
  }, [job, onFinished]);

  if (!job) {
    return query.isError ? (
      <p role="alert" className="text-sm text-failed">
        The job could not be loaded: {query.error.message}
      </p>
    ) : (
      <p className="text-sm text-slate-500">Loading…</p>
    );
  }
  const done = job.progress.succeeded + job.progress.failed + job.progress.skipped;
  const pct = job.progress.total ? Math.round((done / job.progress.total) * 100) : 100;
  const error = cancel.error ?? retry.error;
  return (
    <div className="space-y-4" data-testid="job-progress">
      <div className="flex flex-wrap items-center gap-3">
        <JobStatusBadge status={job.status} testId="job-status" />
        <span className="text-sm text-slate-700" aria-live="polite" data-testid="job-steps-done">
          {done} of {job.progress.total} steps{job.progress.failed ? ` · ${job.progress.failed} failed` : ""}
          {job.durationMs !== null ? ` · ${formatDuration(job.durationMs)}` : ""}
        </span>
        {canAct && job.active && job.status !== "verifying" ? (
          <button
            type="button"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
            className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
          >
            <Square aria-hidden className="h-3.5 w-3.5" /> Cancel before the next step
          </button>
        ) : null}
        {canAct && job.mode === "apply" && (job.status === "failed" || job.status === "needs-attention") ? (
          <button
            type="button"
            onClick={() => retry.mutate()}
            disabled={retry.isPending}
            className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
            data-testid="retry-job"
          >
            <RotateCcw aria-hidden className="h-3.5 w-3.5" />{" "}
            {job.status === "failed" ? "Retry from the failed step" : "Verify again"}
          </button>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label="Steps done"
        aria-valuemin={0}
        aria-valuemax={job.progress.total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={clsx(
            "h-full rounded-full transition-[width] duration-500",
            job.progress.failed ? "bg-failed" : "bg-sky-600",
          )}
          style={{ width: `${pct}%` }}
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-failed/30 bg-failed/5 p-2 text-sm text-failed">
          {error.message}
        </p>
      ) : null}
      {job.error && job.status !== "succeeded" ? (
        <p className="rounded-md border border-failed/30 bg-failed/5 p-2 text-sm text-failed" data-testid="job-error">
          {job.error}
        </p>
      ) : null}
      {job.verification ? <VerificationPanel verification={job.verification} /> : null}
      <ol className="space-y-2" aria-label="Steps">
        {job.steps.map((s) => (
          <StepDiff
            key={s.key}
            step={s}
            index={s.index}
            status={
              <div className="flex flex-col items-end gap-1 text-right">
                <JobStatusBadge status={s.status} />
                {s.status === "succeeded" && s.changed === false ? (
                  <span className="text-[11px] text-slate-500">already in place</span>
                ) : null}
                {s.requestId ? (
                  <span
                    className="max-w-[14rem] truncate font-mono text-[11px] text-slate-500"
                    title={`AWS request id ${s.requestId}`}
                  >
                    {s.requestId}
                  </span>
                ) : null}
                {s.error ? <span className="max-w-[22rem] text-[11px] text-failed">{s.error}</span> : null}
              </div>
            }
          />
        ))}
      </ol>
    </div>
  );
}
