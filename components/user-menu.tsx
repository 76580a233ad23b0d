"use client";

// The signed-in user's name and role, and sign-out. On mount it also asks better-auth for the
// session once: server-rendered pages cannot refresh the session cookie, so this request is what
// slides an active user's session expiry forward.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { LogOut } from "lucide-react";

interface Props {
  name: string;
  email?: string;
  role: string;
}

export function UserMenu({ name, email, role }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void fetch("/api/auth/get-session", { credentials: "same-origin", cache: "no-store" }).catch(() => undefined);
  }, []);

  async function signOut() {
    setBusy(true);
    try {
      await fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
        credentials: "same-origin",
      });
    } finally {
      // Whatever the answer, leave the signed-in UI (refresh re-renders the layout without the
      // user menu); the server is what decides access.
      router.replace("/sign-in");
      router.refresh();
    }
  }

  return (
    <div className="flex items-center gap-3" data-testid="user-menu">
      <div className="text-right leading-tight">
        <div className="font-medium text-slate-900" title={email}>
          {name}
        </div>
        <div className="text-xs text-slate-500" data-testid="user-role">
          {role}
        </div>
      </div>
      <button
        type="button"
        onClick={signOut}
        disabled={busy}
        className="flex items-center gap-1.5 rounded border border-slate-300 px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        <LogOut aria-hidden className="h-4 w-4" />
        Sign out
      </button>
    </div>
  );
}
