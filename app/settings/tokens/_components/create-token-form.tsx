"use client";

// Creates a token and shows it once: it is stored only as a hash and cannot be displayed again.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ROLES } from "@/lib/roles";
import { createTokenAction } from "../actions";

const INPUT = "block w-full rounded border border-slate-300 px-3 py-2 text-sm";

export function CreateTokenForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<{ token: string; name: string; role: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const days = Number(form.get("expiresInDays") || 0);
    const input = { name: form.get("name"), role: form.get("role"), ...(days > 0 ? { expiresInDays: days } : {}) };
    setError(null);
    setCreated(null);
    startTransition(async () => {
      try {
        const result = await createTokenAction(input);
        if (result.ok) {
          formElement.reset();
          setCreated(result.value);
        } else setError(result.error);
      } catch {
        setError("The token could not be created: check the fields.");
      }
      router.refresh();
    });
  }

  return (
    <div className="max-w-xl space-y-3">
      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4 text-sm">
          <p className="font-medium text-green-900">
            Token “{created.name}” ({created.role}) created. Copy it now: it will not be shown again.
          </p>
          <label htmlFor="new-token" className="sr-only">
            New API token
          </label>
          <input
            id="new-token"
            readOnly
            value={created.token}
            data-testid="new-token"
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded border border-green-300 bg-white px-3 py-2 font-mono text-xs"
          />
        </div>
      )}
      <form
        onSubmit={submit}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="create-token-heading"
      >
        <h2 id="create-token-heading" className="font-medium">
          Create an API token
        </h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="token-name" className="text-sm text-slate-700">
              Name
            </label>
            <input id="token-name" name="name" required maxLength={100} className={INPUT} />
          </div>
          <div>
            <label htmlFor="token-role" className="text-sm text-slate-700">
              Role
            </label>
            <select id="token-role" name="role" defaultValue="viewer" className={INPUT}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="token-expiry" className="text-sm text-slate-700">
              Expires after (days)
            </label>
            <input
              id="token-expiry"
              name="expiresInDays"
              type="number"
              min={1}
              max={3650}
              defaultValue={90}
              className={INPUT}
            />
          </div>
        </div>
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
          >
            {pending ? "Creating…" : "Create token"}
          </button>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
