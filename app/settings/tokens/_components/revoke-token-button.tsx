"use client";

// Revokes one token after a confirmation; the next request with it is answered 401.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeTokenAction } from "../actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function revoke() {
    if (!window.confirm(`Revoke the API token "${name}"? Automation using it stops working at once.`)) return;
    startTransition(async () => {
      try {
        const result = await revokeTokenAction({ id });
        if (!result.ok) setError(result.error);
      } catch {
        setError("Could not revoke; reload and try again.");
      }
      router.refresh();
    });
  }

  return (
    <span className="flex items-center gap-2">
      <span className="text-green-700">active</span>
      <button
        type="button"
        onClick={revoke}
        disabled={pending}
        aria-label={`Revoke token ${name}`}
        className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        Revoke
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
