"use client";

// The e-mail + password form and, when configured, the single sign-on button. Talks to
// better-auth's endpoints directly; on success the whole page reloads so the layout (nav, user
// menu) renders for the signed-in user.
import { useState, type FormEvent } from "react";

interface Props {
  next: string;
  sso: { providerId: string; name: string } | null;
  initialError: string | null;
}

async function messageFrom(response: Response): Promise<string> {
  if (response.status === 429) return "Too many sign-in attempts. Wait a minute and try again.";
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  if (response.status === 401) return "Wrong e-mail or password.";
  return body?.message ?? "Sign-in failed. Try again.";
}

export function SignInForm({ next, sso, initialError }: Props) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function signInWithPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (!response.ok) {
        setError(await messageFrom(response));
        return;
      }
      window.location.assign(next);
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function signInWithSso() {
    if (!sso) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/social", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: sso.providerId, callbackURL: next, errorCallbackURL: "/sign-in?error=sso" }),
      });
      const body = (await response.json().catch(() => null)) as { url?: string } | null;
      if (!response.ok || !body?.url) {
        setError(await messageFrom(response));
        setBusy(false);
        return;
      }
      window.location.assign(body.url);
    } catch {
      setError("The server could not be reached. Try again.");
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      {error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <form onSubmit={signInWithPassword} className="space-y-4" aria-label="Sign in with e-mail and password">
        <div className="space-y-1">
          <label htmlFor="email" className="block text-sm font-medium text-slate-700">
            E-mail
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-sky-600"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-sky-600"
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button
            type="button"
            onClick={signInWithSso}
            disabled={busy}
            className="w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
          >
            Continue with {sso.name}
          </button>
        </>
      )}
    </div>
  );
}
