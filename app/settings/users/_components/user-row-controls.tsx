"use client";

// Role select and disable/enable for one user. Changes apply at once and are audited server-side.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLES } from "@/lib/roles";
import { changeUserRoleAction, setUserDisabledAction } from "../actions";

interface Props {
  userId: string;
  email: string;
  role: string;
  disabled: boolean;
  isSelf: boolean;
}

export function UserRowControls({ userId, email, role, disabled, isSelf }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [selectedRole, setSelectedRole] = useState(role);

  function run(action: () => Promise<{ ok: boolean; error?: string }>) {
    setError(null);
    startTransition(async () => {
      let refused: string | null = null;
      try {
        const result = await action();
        if (!result.ok) refused = result.error ?? "Refused";
      } catch {
        refused = "The change was refused. Reload the page and try again.";
      }
      if (refused) {
        setError(refused);
        setSelectedRole(role); // show what the server still has
      }
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        value={selectedRole}
        disabled={pending || isSelf}
        onChange={(e) => {
          const next = e.target.value;
          setSelectedRole(next);
          run(() => changeUserRoleAction({ userId, role: next }));
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-60"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {disabled && (
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-600">disabled</span>
      )}
      {!isSelf && (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => setUserDisabledAction({ userId, disabled: !disabled }))}
          className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-60"
        >
          {disabled ? "Enable" : "Disable"}
        </button>
      )}
      {isSelf && <span className="text-xs text-slate-500">(you)</span>}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
