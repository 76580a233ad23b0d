// Who may sign in through SSO: an optional allow-list of e-mail domains and of IdP groups. An
// identity provider shared with other teams (a company-wide Entra ID or Okta) would otherwise let
// anyone it knows into Trailwarden as a viewer. Either list may be set; when both are, an identity
// must pass both. Set in the environment (TRAILWARDEN_OIDC_ALLOWED_DOMAINS,
// TRAILWARDEN_OIDC_ALLOWED_GROUPS, TRAILWARDEN_OIDC_GROUPS_CLAIM) or as settings rows
// (`sso.allowedDomains`, `sso.allowedGroups`: arrays of strings); the environment wins.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";

export interface SsoAllowList {
  /** Lower-case e-mail domains ("example.com"); empty = any. */
  domains: string[];
  /** Group names or ids as the IdP puts them in the claim; empty = any. */
  groups: string[];
  /** The ID token / userinfo claim that holds the groups (default "groups"). */
  groupsClaim: string;
}

export const SSO_SETTING_KEYS = { domains: "sso.allowedDomains", groups: "sso.allowedGroups" } as const;

const list = z.array(z.string().trim().min(1).max(255)).max(500);

function csv(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

export async function loadSsoAllowList(env: NodeJS.ProcessEnv = process.env): Promise<SsoAllowList> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SSO_SETTING_KEYS) } } });
  const stored = (key: string): string[] => {
    const parsed = list.safeParse(rows.find((r) => r.key === key)?.value);
    return parsed.success ? parsed.data : [];
  };
  const domains = csv(env.TRAILWARDEN_OIDC_ALLOWED_DOMAINS) ?? stored(SSO_SETTING_KEYS.domains);
  const groups = csv(env.TRAILWARDEN_OIDC_ALLOWED_GROUPS) ?? stored(SSO_SETTING_KEYS.groups);
  return {
    domains: domains.map((d) => d.toLowerCase().replace(/^@/, "")),
    groups,
    groupsClaim: env.TRAILWARDEN_OIDC_GROUPS_CLAIM?.trim() || "groups",
  };
}

/** Null when the identity may sign in, else the reason it may not (for the audit log). */
export function ssoRefusal(profile: Record<string, unknown>, allow: SsoAllowList): string | null {
  if (allow.domains.length > 0) {
    const email = typeof profile.email === "string" ? profile.email.toLowerCase() : "";
    const domain = email.includes("@") ? email.slice(email.lastIndexOf("@") + 1) : "";
    if (!allow.domains.includes(domain)) return `e-mail domain "${domain}" is not allowed`;
  }
  if (allow.groups.length > 0) {
    const claim = profile[allow.groupsClaim];
    const groups = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? [claim] : [];
    if (!groups.some((g) => allow.groups.includes(g))) return `not in an allowed group (${allow.groupsClaim})`;
  }
  return null;
}
