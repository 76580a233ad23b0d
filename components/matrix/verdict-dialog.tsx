"use client";
// The verdict of one cell in a side panel. A native modal <dialog>: focus moves in and is trapped,
// Escape closes, and focus returns to the cell (the grid restores it). Addressable as ?cell=.
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import type { VerdictDetail } from "@/lib/read-models/get-verdict";
import { VerdictDetails } from "@/components/matrix/verdict-details";
import { Skeleton } from "@/components/ui/skeleton";

async function fetchVerdict(accountId: string, controlId: string): Promise<VerdictDetail> {
  const res = await fetch(`/api/v1/matrix/verdicts/${accountId}/${encodeURIComponent(controlId)}`, {
    headers: { accept: "application/json" },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as VerdictDetail;
}

export function VerdictDialog({
  cell,
  accountName,
  onClose,
}: {
  cell: { accountId: string; controlId: string };
  accountName?: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const query = useQuery({
    queryKey: ["verdict", cell.accountId, cell.controlId],
    queryFn: () => fetchVerdict(cell.accountId, cell.controlId),
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const title = query.data ? `${query.data.control.id}: ${query.data.control.title}` : cell.controlId;
  return (
    <dialog
      ref={ref}
      aria-labelledby="verdict-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (e.target === ref.current) onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-[min(520px,100vw)] max-w-none overflow-hidden border-l border-slate-200 bg-white p-0 shadow-2xl backdrop:bg-slate-900/20"
      data-testid="verdict-dialog"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
          <div className="min-w-0">
            <h2 id="verdict-title" className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <p className="mt-0.5 truncate text-sm text-slate-600">
              {query.data?.account.name ?? accountName ?? "Account"} ·{" "}
              <span className="font-mono">{cell.accountId}</span>
            </p>
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            aria-label="Close the verdict"
          >
            <X aria-hidden className="h-5 w-5" />
          </button>
        </header>
        <div className="flex-1 overflow-y-auto px-5 py-3">
          {query.isPending ? (
            <div role="status" aria-label="Loading the verdict" className="space-y-3 py-2">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-4 w-5/6" />
              <Skeleton className="h-16 w-full" />
            </div>
          ) : query.isError ? (
            <p role="alert" className="rounded-md border border-failed/30 bg-failed/5 p-3 text-sm text-failed">
              The verdict could not be loaded: {query.error.message}
            </p>
          ) : (
            <VerdictDetails verdict={query.data} />
          )}
        </div>
      </div>
    </dialog>
  );
}
