"use client";
// The account page's "Fix whole family" button: opens the plan → confirm → progress dialog.
// Viewers see why it is not available instead of a button that fails.
import { Wrench } from "lucide-react";
import { useState } from "react";
import { FixFamilyDialog } from "@/components/remediation/fix-family-dialog";

export function FixFamilyButton({
  accountId,
  accountName,
  canRemediate,
}: {
  accountId: string;
  accountName?: string;
  canRemediate: boolean;
}) {
  const [open, setOpen] = useState(false);
  if (!canRemediate) {
    return (
      <span className="text-xs text-slate-500" title="Remediation needs the engineer role">
        Fixing needs the engineer role
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white shadow-sm hover:bg-sky-800"
        data-testid="fix-family"
      >
        <Wrench aria-hidden className="h-4 w-4" /> Fix whole family
      </button>
      {open ? <FixFamilyDialog accountId={accountId} accountName={accountName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
