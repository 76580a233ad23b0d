"use client";

// Creates a local user with an initial password (sign-up is disabled; admins create accounts).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ROLES } from "@/lib/roles";
import { createUserAction } from "../actions";

const INPUT = "block w-full rounded border border-slate-300 px-3 py-2 text-sm";

export function CreateUserForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      name: form.get("name"),
      email: form.get("email"),
      role: form.get("role"),
      password: form.get("password"),
    };
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await createUserAction(input);
        if (result.ok) {
          formElement.reset();
          setMessage({ kind: "ok", text: `Created ${result.value.email}.` });
        } else setMessage({ kind: "error", text: result.error });
      } catch {
        setMessage({
          kind: "error",
          text: "The user could not be created: check the fields (password at least 8 characters).",
        });
      }
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={submit}
      className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="create-user-heading"
    >
      <h2 id="create-user-heading" className="font-medium">
        Create a local user
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="new-name" className="text-sm text-slate-700">
            Name
          </label>
          <input id="new-name" name="name" required maxLength={200} className={INPUT} />
        </div>
        <div>
          <label htmlFor="new-email" className="text-sm text-slate-700">
            E-mail
          </label>
          <input id="new-email" name="email" type="email" required maxLength={320} className={INPUT} />
        </div>
        <div>
          <label htmlFor="new-role" className="text-sm text-slate-700">
            Role
          </label>
          <select id="new-role" name="role" defaultValue="viewer" className={INPUT}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="new-password" className="text-sm text-slate-700">
            Initial password
          </label>
          <input
            id="new-password"
            name="password"
            type="password"
            required
            minLength={8}
            maxLength={256}
            autoComplete="new-password"
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
          {pending ? "Creating…" : "Create user"}
        </button>
        {message && (
          <p
            role={message.kind === "error" ? "alert" : "status"}
            className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-700"}
          >
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
