// The SSO allow-list as the settings page edits it: e-mail domains and IdP groups typed one per
// line (domains may also be separated by commas; group names may contain commas, as LDAP-style
// names do), validated entry by entry with the entry named in the error, stored as the settings
// rows sso-allow-list.ts reads, and audited with what changed. The environment variables still win
// over the stored rows; the page says so and the save keeps the stored value for later.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { SSO_SETTING_KEYS } from "@/lib/auth/sso-allow-list";
import type { Principal } from "@/lib/roles";

/** At most this many entries per list (sso-allow-list.ts ignores a longer stored list). */
export const MAX_ENTRIES = 500;

/** What the form sends: two text areas. */
export const ssoAllowListInput = z.object({
  domains: z.string().max(100_000),
  groups: z.string().max(200_000),
});
export type SsoAllowListInput = z.infer<typeof ssoAllowListInput>;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Non-empty entries with their line number; `separators` also splits within a line. */
function lines(text: string, separators?: RegExp): { value: string; line: number }[] {
  return text
    .split(/\r?\n/)
    .flatMap((l, i) => (separators ? l.split(separators) : [l]).map((value) => ({ value: value.trim(), line: i + 1 })))
    .filter((e) => e.value.length > 0);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Parses both lists; throws a ValidationError naming every bad entry and its line. */
export function parseSsoAllowList(input: SsoAllowListInput): { domains: string[]; groups: string[] } {
  const issues: { path: string; message: string }[] = [];
  const domains = lines(input.domains, /,/).map(({ value, line }) => {
    const domain = value.toLowerCase().replace(/^@/, "");
    if (!DOMAIN.test(domain))
      issues.push({
        path: "domains",
        message: `line ${line}: "${value}" is not an e-mail domain (like example.com)`,
      });
    return domain;
  });
  const groups = lines(input.groups).map(({ value, line }) => {
    if (value.length > 255)
      issues.push({ path: "groups", message: `line ${line}: a group name has at most 255 characters` });
    return value;
  });
  const out = { domains: unique(domains), groups: unique(groups) };
  if (out.domains.length > MAX_ENTRIES)
    issues.push({ path: "domains", message: `at most ${MAX_ENTRIES} domains (got ${out.domains.length})` });
  if (out.groups.length > MAX_ENTRIES)
    issues.push({ path: "groups", message: `at most ${MAX_ENTRIES} groups (got ${out.groups.length})` });
  if (issues.length > 0) {
    const label = (p: string) => (p === "domains" ? "Allowed e-mail domains" : "Allowed groups");
    throw new ValidationError(issues.map((i) => `${label(i.path)}: ${i.message}`).join("; "), issues);
  }
  return out;
}

/** The stored lists (what the form shows), whatever the environment overrides. */
export async function storedSsoAllowList(): Promise<{ domains: string[]; groups: string[] }> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SSO_SETTING_KEYS) } } });
  const value = (key: string) => {
    const v = rows.find((r) => r.key === key)?.value;
    return Array.isArray(v) ? v.map(String) : [];
  };
  return { domains: value(SSO_SETTING_KEYS.domains), groups: value(SSO_SETTING_KEYS.groups) };
}

export async function saveSsoAllowList(
  input: SsoAllowListInput,
  actor: Principal,
  request?: { headers: Headers },
): Promise<{ domains: string[]; groups: string[] }> {
  const next = parseSsoAllowList(input);
  const before = await db.$transaction(async (tx) => {
    const rows = await tx.setting.findMany({ where: { key: { in: Object.values(SSO_SETTING_KEYS) } } });
    for (const [field, key] of Object.entries(SSO_SETTING_KEYS) as [keyof typeof next, string][]) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: next[field], updatedBy: actor.id },
        update: { value: next[field], updatedBy: actor.id },
      });
    }
    const value = (key: string) => {
      const v = rows.find((r) => r.key === key)?.value;
      return Array.isArray(v) ? v.map(String) : [];
    };
    return { domains: value(SSO_SETTING_KEYS.domains), groups: value(SSO_SETTING_KEYS.groups) };
  });
  await recordAuditEvent({
    actor,
    action: "settings.sso_allow_list",
    target: "sso",
    details: { before, after: next },
    request,
  });
  return next;
}
