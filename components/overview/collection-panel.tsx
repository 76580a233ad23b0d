"use client";
// The last collection and "Collect now". While a run is queued or running it polls
// GET /api/v1/collections/{id} every second (accounts done / total, failures so far); when the
// run ends it refreshes the page's server data once, so every widget shows the new verdicts.
import { useMutation, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Loader2, Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { CollectionProgressView } from "@/lib/read-models/collection-progress";
import { formatAgo, formatDuration, formatUtc } from "@/components/ui/format-time";

async function fetchRun(runId: string): Promise<CollectionProgressView> {
  const res = await fetch(`/api/v1/collections/${runId}`, {
    headers: { accept: "application/json" },
    cache: "no-store",
  });
  if (!res.ok) throw new Error(`Progress could not be read (HTTP ${res.status})`);
  return (await res.json()) as CollectionProgressView;
}

async function startRun(): Promise<{ runId: string; coalesced: boolean }> {
  const res = await fetch("/api/v1/collections", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: "{}",
  });
  const body = (await res.json().catch(() => null)) as { runId?: string; coalesced?: boolean; message?: string } | null;
  if (!res.ok || !body?.runId)
    throw new Error(body?.message ?? `The collection could not be started (HTTP ${res.status})`);
  return { runId: body.runId, coalesced: Boolean(body.coalesced) };
}

const STATUS_TEXT: Record<string, { label: string; className: string }> = {
  queued: { label: "Queued", className: "bg-sky-100 text-sky-900" },
  running: { label: "Running", className: "bg-sky-100 text-sky-900" },
  ok: { label: "Completed", className: "bg-passed/10 text-passed" },
  partial: { label: "Completed with problems", className: "bg-warning/10 text-warning" },
  error: { label: "Failed", className: "bg-failed/10 text-failed" },
};

export function CollectionPanel({
  initial,
  canCollect,
}: {
  initial: CollectionProgressView | null;
  canCollect: boolean;
}) {
  const router = useRouter();
  const [runId, setRunId] = useState<string | null>(initial?.runId ?? null);
  const query = useQuery({
    queryKey: ["collection", runId],
    queryFn: () => fetchRun(runId!),
    enabled: runId !== null,
    initialData: initial && initial.runId === runId ? initial : undefined,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.active ? 1000 : false),
  });
  const start = useMutation({ mutationFn: startRun, onSuccess: ({ runId: id }) => setRunId(id) });
  const run = query.data ?? null;

  // Refresh the server-rendered widgets once when a run we watched finishes.
  const wasActive = useRef(run?.active ?? false);
  useEffect(() => {
    if (!run) return;
    if (wasActive.current && !run.active) router.refresh();
    wasActive.current = run.active;
  }, [run, router]);

  const status = run
    ? (STATUS_TEXT[run.status] ?? { label: run.status, className: "bg-slate-100 text-slate-700" })
    : null;
  const pct = run && run.accountsTotal ? Math.round((run.accountsDone / run.accountsTotal) * 100) : 0;
  const busy = start.isPending || Boolean(run?.active);
  return (
    <div className="space-y-3 text-sm" data-testid="collection-panel">
      <div className="flex items-start justify-between gap-3">
        {run && status ? (
          <div className="min-w-0">
            <span
              className={clsx("inline-flex rounded px-2 py-0.5 text-xs font-semibold", status.className)}
              data-testid="collection-status"
            >
              {status.label}
            </span>
            <p className="mt-1 text-slate-600">
              {run.trigger === "schedule" ? "Scheduled" : `Started by ${run.requestedBy ?? run.trigger}`} ·{" "}
              <time dateTime={run.createdAt} title={formatUtc(run.createdAt)} suppressHydrationWarning>
                {formatAgo(run.createdAt)}
              </time>
              {run.durationMs !== null ? ` · took ${formatDuration(run.durationMs)}` : ""}
            </p>
          </div>
        ) : (
          <p className="text-slate-600">No collection has run yet.</p>
        )}
        {canCollect ? (
          <button
            type="button"
            onClick={() => start.mutate()}
            disabled={busy}
            className={
              "inline-flex h-9 shrink-0 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white " +
              "shadow-sm hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-400"
            }
          >
            {busy ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : <Play aria-hidden className="h-4 w-4" />}
            {busy ? "Collecting…" : "Collect now"}
          </button>
        ) : null}
      </div>
      {start.isError ? (
        <p role="alert" className="rounded-md border border-failed/30 bg-failed/5 p-2 text-failed">
          {start.error.message}
        </p>
      ) : null}
      {run ? (
        <div aria-live="polite">
          <div className="flex items-baseline justify-between text-slate-700">
            <span data-testid="collection-progress">
              {run.status === "queued" && !run.accountsTotal ? (
                "Waiting for a worker to start it…"
              ) : (
                <>
                  <strong className="tabular-nums text-slate-900">{run.accountsDone.toLocaleString("en-US")}</strong> of{" "}
                  {run.accountsTotal.toLocaleString("en-US")} accounts collected
                </>
              )}
            </span>
            {run.accountsFailed ? <span className="font-medium text-failed">{run.accountsFailed} failed</span> : null}
          </div>
          <div
            role="progressbar"
            aria-label="Accounts collected"
            aria-valuemin={0}
            aria-valuemax={run.accountsTotal || 1}
            aria-valuenow={run.accountsDone}
            className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div
              className={clsx(
                "h-full rounded-full transition-[width] duration-500",
                run.status === "error"
                  ? "bg-failed"
                  : run.accountsFailed
                    ? "bg-warning"
                    : run.active
                      ? "bg-sky-600"
                      : "bg-passed",
              )}
              style={{ width: `${run.active ? pct : 100}%` }}
            />
          </div>
        </div>
      ) : null}
      {run?.error ? (
        <p className="rounded-md border border-failed/30 bg-failed/5 p-2 text-failed" data-testid="collection-error">
          {run.error}
        </p>
      ) : null}
      {run && run.problems.length ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Problems ({run.problems.length})
          </h3>
          <ul className="mt-1 max-h-48 space-y-1.5 overflow-y-auto pr-1" data-testid="collection-problems">
            {run.problems.slice(0, 20).map((p) => (
              <li key={p.accountId} className="text-xs">
                <Link href={`/accounts/${p.accountId}`} className="font-medium text-slate-900 hover:underline">
                  {p.name}
                </Link>{" "}
                <span
                  className={clsx(
                    "rounded px-1",
                    p.status === "error" ? "bg-failed/10 text-failed" : "bg-warning/10 text-warning",
                  )}
                >
                  {p.status}
                </span>
                {p.error ? <p className="mt-0.5 line-clamp-2 text-slate-600">{p.error}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
