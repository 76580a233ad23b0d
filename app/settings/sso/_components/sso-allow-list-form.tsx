"use client";

// Edits the SSO allow-list: allowed e-mail domains and IdP groups, one per line. The server
// validates every entry and answers a refusal naming the entry and its line; a list set by an
// environment variable is shown read-only (the environment wins over what is stored here).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { saveSsoAllowListAction } from "../actions";

const AREA = "block w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm read-only:bg-slate-100";

export function SsoAllowListForm({
  domains,
  groups,
  lockedDomains,
  lockedGroups,
}: {
  domains: string[];
  groups: string[];
  /** The environment's list when TRAILWARDEN_OIDC_ALLOWED_DOMAINS is set (it wins), else null. */
  lockedDomains: string[] | null;
  lockedGroups: string[] | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { domains: String(form.get("domains") ?? ""), groups: String(form.get("groups") ?? "") };
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await saveSsoAllowListAction(input);
        if (result.ok) {
          const { domains: d, groups: g } = result.value;
          setMessage({
            kind: "ok",
            text:
              d.length === 0 && g.length === 0
                ? "Saved: no allow-list, anyone your identity provider knows may sign in as a viewer."
                : `Saved: ${d.length} domain${d.length === 1 ? "" : "s"}, ${g.length} group${g.length === 1 ? "" : "s"}.`,
          });
          router.refresh();
        } else setMessage({ kind: "error", text: result.error });
      } catch {
        setMessage({ kind: "error", text: "The allow-list could not be saved: reload the page and try again." });
      }
    });
  }

  return (
    <form
      onSubmit={submit}
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="sso-allow-heading"
      data-testid="sso-allow-list-form"
    >
      <h2 id="sso-allow-heading" className="font-medium">
        SSO allow-list
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="sso-domains" className="text-sm font-medium text-slate-700">
            Allowed e-mail domains
          </label>
          <p id="sso-domains-help" className="text-xs text-slate-500">
            One per line (or comma-separated), e.g. example.com. Empty: any domain.
          </p>
          {lockedDomains ? (
            <p className="mt-1 text-xs text-amber-800" data-testid="sso-domains-locked">
              Set by TRAILWARDEN_OIDC_ALLOWED_DOMAINS ({lockedDomains.join(", ") || "empty: any domain"}), which wins
              over this field.
            </p>
          ) : null}
          <textarea
            id="sso-domains"
            name="domains"
            rows={6}
            defaultValue={domains.join("\n")}
            readOnly={Boolean(lockedDomains)}
            aria-describedby="sso-domains-help"
            className={AREA}
          />
        </div>
        <div>
          <label htmlFor="sso-groups" className="text-sm font-medium text-slate-700">
            Allowed groups
          </label>
          <p id="sso-groups-help" className="text-xs text-slate-500">
            One per line, exactly as your provider puts them in the token. Empty: any group.
          </p>
          {lockedGroups ? (
            <p className="mt-1 text-xs text-amber-800" data-testid="sso-groups-locked">
              Set by TRAILWARDEN_OIDC_ALLOWED_GROUPS ({lockedGroups.join(", ") || "empty: any group"}), which wins over
              this field.
            </p>
          ) : null}
          <textarea
            id="sso-groups"
            name="groups"
            rows={6}
            defaultValue={groups.join("\n")}
            readOnly={Boolean(lockedGroups)}
            aria-describedby="sso-groups-help"
            className={AREA}
          />
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="h-9 rounded-md bg-sky-700 px-3 text-sm font-medium text-white hover:bg-sky-800 disabled:bg-slate-400"
          data-testid="save-sso-allow-list"
        >
          {pending ? "Saving…" : "Save allow-list"}
        </button>
        {message ? (
          <p
            role={message.kind === "error" ? "alert" : "status"}
            className={message.kind === "error" ? "text-sm text-failed" : "text-sm text-passed"}
            data-testid="sso-allow-list-message"
          >
            {message.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
