"use client";

// Send test, enable/disable and delete for one destination (the environment's one: test only).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/action-result";
import { deleteDestinationAction, sendTestAction, setDestinationEnabledAction } from "../actions";

const BUTTON = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-50";

export function DestinationActions(props: { id: string; name: string; enabled: boolean; fromEnvironment: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function run(work: () => Promise<ActionResult<unknown>>, done: string) {
    setMessage(null);
    startTransition(async () => {
      const result = await work();
      setMessage(result.ok ? done : result.error);
      router.refresh();
    });
  }

  return (
    <span className="ml-auto flex items-center gap-2">
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
      <button
        type="button"
        className={BUTTON}
        disabled={pending}
        onClick={() => run(() => sendTestAction({ id: props.id }), "Test queued")}
      >
        Send test
      </button>
      {!props.fromEnvironment && (
        <>
          <button
            type="button"
            className={BUTTON}
            disabled={pending}
            onClick={() =>
              run(
                () => setDestinationEnabledAction({ id: props.id, enabled: !props.enabled }),
                props.enabled ? "Disabled" : "Enabled",
              )
            }
          >
            {props.enabled ? "Disable" : "Enable"}
          </button>
          <button
            type="button"
            className={`${BUTTON} text-red-700`}
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Delete destination “${props.name}”?`))
                run(() => deleteDestinationAction({ id: props.id }), "Deleted");
            }}
          >
            Delete
          </button>
        </>
      )}
    </span>
  );
}
