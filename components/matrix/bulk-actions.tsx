"use client";
// SLOT for bulk actions on the selected accounts: the remediation feature's "Fix whole family"
// (plan every selected account, review, confirm once, apply at most five accounts at a time).
import { Wrench } from "lucide-react";
import { useState } from "react";
import { BulkFixDialog } from "@/components/remediation/bulk-fix-dialog";

export interface BulkActionsProps {
  /** Account ids selected in the matrix (possibly across filters). */
  selectedIds: string[];
  /** The signed-in principal may start remediation (engineer and up). */
  canRemediate: boolean;
}

export function BulkActions({ selectedIds, canRemediate }: BulkActionsProps) {
  const [open, setOpen] = useState<string[] | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={!canRemediate || selectedIds.length === 0}
        onClick={() => setOpen([...selectedIds])}
        title={
          canRemediate
            ? `Plan, review and apply the whole-family fix for ${selectedIds.length} account(s)`
            : "Remediation needs the engineer role"
        }
        className={
          "inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white shadow-sm " +
          "hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
        }
        data-testid="bulk-fix-family"
      >
        <Wrench aria-hidden className="h-4 w-4" />
        Fix whole family
      </button>
      {open ? <BulkFixDialog accountIds={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
