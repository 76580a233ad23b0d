// /settings/sso — admin: who may sign in through single sign-on (OpenID Connect): allowed e-mail
// domains and IdP groups. Stored as settings rows; an environment variable, when set, wins and the
// page says which one.
import type { Metadata } from "next";
import { getAuthSettings } from "@/lib/auth/auth-env";
import { requirePageRole } from "@/lib/auth/guards";
import { loadSsoAllowList } from "@/lib/auth/sso-allow-list";
import { storedSsoAllowList } from "@/lib/auth/save-sso-allow-list";
import { SsoAllowListForm } from "./_components/sso-allow-list-form";

export const metadata: Metadata = { title: "Single sign-on" };
export const dynamic = "force-dynamic";

export default async function SsoSettingsPage() {
  await requirePageRole("admin");
  const [stored, effective] = await Promise.all([storedSsoAllowList(), loadSsoAllowList()]);
  const oidc = Boolean(getAuthSettings().oidc);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Single sign-on</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Who may sign in through your identity provider. Without a list, anyone the provider knows gets in as a viewer;
          with one, the e-mail domain and the groups in the verified ID token are checked before any user or session
          exists (both must pass when both lists are set). Refusals are in the audit log.
        </p>
        <p className="mt-1 text-sm text-slate-600" data-testid="sso-status">
          {oidc
            ? "Single sign-on is configured (TRAILWARDEN_OIDC_ISSUER)."
            : "Single sign-on is not configured (TRAILWARDEN_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET): the list applies once it is."}{" "}
          Groups are read from the claim <span className="font-mono">{effective.groupsClaim}</span>.
        </p>
      </div>
      <SsoAllowListForm
        domains={stored.domains}
        groups={stored.groups}
        lockedDomains={process.env.TRAILWARDEN_OIDC_ALLOWED_DOMAINS !== undefined ? effective.domains : null}
        lockedGroups={process.env.TRAILWARDEN_OIDC_ALLOWED_GROUPS !== undefined ? effective.groups : null}
      />
    </div>
  );
}
