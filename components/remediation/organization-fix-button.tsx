"use client";
// The remediation page's "Organization" entry: plans the organization fix (one organization trail
// and the guardrail SCP) and opens the same plan → confirm → progress dialog as the family fix.
import { Network } from "lucide-react";
import { useState } from "react";
import { FixFamilyDialog } from "@/components/remediation/fix-family-dialog";

export function OrganizationFixButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white shadow-sm hover:bg-sky-800"
        data-testid="fix-organization"
      >
        <Network aria-hidden className="h-4 w-4" /> Plan the organization fix
      </button>
      {open ? <FixFamilyDialog organization onClose={() => setOpen(false)} /> : null}
    </>
  );
}
