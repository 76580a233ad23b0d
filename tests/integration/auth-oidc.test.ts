// Single sign-on through the generic OIDC plugin against a local mock provider: a first SSO
// sign-in creates the user with TRAILWARDEN_OIDC_DEFAULT_ROLE, both are audited, and the sign-in
// page offers SSO only when it is configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetAuth } from "@/lib/auth/auth";
import { publicSignInOptions } from "@/lib/auth/auth-env";
import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { authenticate } from "@/lib/auth/resolve-principal";
import { resetEnvCache } from "@/lib/config/env";
import { saveSsoAllowList } from "@/lib/auth/save-sso-allow-list";
import { startMockOidcProvider, type MockOidcProvider } from "./support/mock-oidc-provider";
import { useFreshDatabase } from "./support/test-database";

const ORIGIN = "http://127.0.0.1:3000";
const OIDC_VARS = [
  "TRAILWARDEN_OIDC_ALLOWED_DOMAINS",
  "TRAILWARDEN_OIDC_ALLOWED_GROUPS",
  "TRAILWARDEN_OIDC_ISSUER",
  "TRAILWARDEN_OIDC_CLIENT_ID",
  "TRAILWARDEN_OIDC_CLIENT_SECRET",
  "TRAILWARDEN_OIDC_DEFAULT_ROLE",
];
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let idp: MockOidcProvider;

function configure(vars: Record<string, string | undefined>) {
  for (const name of OIDC_VARS) delete process.env[name];
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) process.env[name] = value;
  resetEnvCache();
  resetAuth();
}

function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function ssoSignIn(identity: { sub: string; email: string; name: string; groups?: string[] }): Promise<Response> {
  const headers = {
    "content-type": "application/json",
    origin: ORIGIN,
    host: "127.0.0.1:3000",
    "x-forwarded-for": "192.0.2.77",
  };
  const start = await handleAuthRequest(
    new Request(`${ORIGIN}/api/auth/sign-in/social`, {
      method: "POST",
      headers,
      body: JSON.stringify({ provider: "oidc", callbackURL: "/audit" }),
    }),
  );
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
  const auth = new URL(url);
  const code = idp.approve(url, identity);
  const callback = new URL(auth.searchParams.get("redirect_uri") ?? "");
  callback.searchParams.set("code", code);
  callback.searchParams.set("state", auth.searchParams.get("state") ?? "");
  return handleAuthRequest(
    new Request(callback, {
      headers: { cookie: cookiesFrom(start), host: "127.0.0.1:3000", "x-forwarded-for": "192.0.2.77" },
    }),
  );
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  idp = await startMockOidcProvider();
});
afterAll(async () => {
  configure({});
  await idp.stop();
  await fresh.drop();
});

describe("OIDC single sign-on", () => {
  it("is not offered without configuration", () => {
    configure({});
    expect(publicSignInOptions().sso).toBeNull();
  });

  it("creates a first-time SSO user with the configured default role and signs them in", async () => {
    configure({
      TRAILWARDEN_OIDC_ISSUER: idp.issuer,
      TRAILWARDEN_OIDC_CLIENT_ID: idp.clientId,
      TRAILWARDEN_OIDC_CLIENT_SECRET: idp.clientSecret,
      TRAILWARDEN_OIDC_DEFAULT_ROLE: "auditor",
    });
    expect(publicSignInOptions().sso).toMatchObject({ providerId: "oidc" });
    const res = await ssoSignIn({ sub: "idp-user-1", email: "grace@example.com", name: "Grace Hopper" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/audit");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("trailwarden.session_token="));
    expect(session).toBeDefined();
    const who = await authenticate(new Headers({ cookie: session?.split(";")[0] ?? "" }));
    expect(who).toMatchObject({ via: "session", principal: { email: "grace@example.com", role: "auditor" } });

    const events = await db.auditEvent.findMany({
      where: { OR: [{ target: "grace@example.com" }, { actorName: "Grace Hopper" }] },
      orderBy: { id: "asc" },
    });
    expect(
      events.map((e) => [
        e.action,
        (e.details as { method?: string; via?: string }).method ?? (e.details as { via?: string }).via,
      ]),
    ).toEqual([
      ["user.create", "sso"],
      ["auth.sign_in", "oidc"],
    ]);
    // Tokens from the provider are stored encrypted, never in clear.
    const account = await db.authAccount.findFirstOrThrow({ where: { providerId: "oidc" } });
    expect(account.accessToken).not.toBe("at-idp-user-1");
  });

  it("keeps an existing SSO user's role on later sign-ins", async () => {
    await db.user.update({ where: { email: "grace@example.com" }, data: { role: "engineer" } });
    const res = await ssoSignIn({ sub: "idp-user-1", email: "grace@example.com", name: "Grace Hopper" });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("trailwarden.session_token="));
    expect(await authenticate(new Headers({ cookie: session?.split(";")[0] ?? "" }))).toMatchObject({
      principal: { role: "engineer" },
    });
  });
});

describe("SSO allow-list", () => {
  const base = () => ({
    TRAILWARDEN_OIDC_ISSUER: idp.issuer,
    TRAILWARDEN_OIDC_CLIENT_ID: idp.clientId,
    TRAILWARDEN_OIDC_CLIENT_SECRET: idp.clientSecret,
  });
  const sessionOf = (res: Response) =>
    res.headers.getSetCookie().find((c) => c.startsWith("trailwarden.session_token="));

  it("refuses e-mail domains outside TRAILWARDEN_OIDC_ALLOWED_DOMAINS, creating no user", async () => {
    configure({ ...base(), TRAILWARDEN_OIDC_ALLOWED_DOMAINS: "example.com, @corp.example" });
    const refused = await ssoSignIn({ sub: "idp-out-1", email: "mallory@elsewhere.example", name: "Mallory" });
    expect(sessionOf(refused)).toBeUndefined();
    expect(refused.status).toBeLessThan(500);
    expect(await db.user.count({ where: { email: "mallory@elsewhere.example" } })).toBe(0);
    const denied = await db.auditEvent.findFirst({
      where: {
        action: "auth.sign_in",
        outcome: "denied",
        details: { path: ["email"], equals: "mallory@elsewhere.example" },
      },
    });
    expect(denied).not.toBeNull();
    const allowed = await ssoSignIn({ sub: "idp-in-1", email: "ada@corp.example", name: "Ada" });
    expect(sessionOf(allowed)).toBeDefined();
  });

  it("refuses identities in none of TRAILWARDEN_OIDC_ALLOWED_GROUPS; settings apply when the environment is silent", async () => {
    configure({ ...base(), TRAILWARDEN_OIDC_ALLOWED_GROUPS: "trailwarden-users" });
    expect(
      sessionOf(await ssoSignIn({ sub: "idp-g-1", email: "eve@example.com", name: "Eve", groups: ["everyone"] })),
    ).toBeUndefined();
    expect(
      sessionOf(
        await ssoSignIn({
          sub: "idp-g-2",
          email: "bob@example.com",
          name: "Bob",
          groups: ["everyone", "trailwarden-users"],
        }),
      ),
    ).toBeDefined();

    configure(base());
    await db.setting.create({ data: { key: "sso.allowedDomains", value: ["corp.example"] } });
    expect(sessionOf(await ssoSignIn({ sub: "idp-s-1", email: "zed@example.com", name: "Zed" }))).toBeUndefined();
    expect(sessionOf(await ssoSignIn({ sub: "idp-in-1", email: "ada@corp.example", name: "Ada" }))).toBeDefined();
    await db.setting.delete({ where: { key: "sso.allowedDomains" } });
  });

  it("is edited on the settings page: every bad entry named with its line, nothing stored then; saved, audited, enforced", async () => {
    configure(base());
    const admin = { type: "user" as const, id: "sso-admin", name: "Admin", role: "admin" as const };
    await expect(
      saveSsoAllowList({ domains: "corp.example\nnot a domain\n@ok.example, x", groups: "" }, admin),
    ).rejects.toThrow(
      /Allowed e-mail domains: line 2: "not a domain" is not an e-mail domain.*line 3: "x" is not an e-mail domain/,
    );
    await expect(saveSsoAllowList({ domains: "", groups: "g".repeat(256) }, admin)).rejects.toThrow(
      /Allowed groups: line 1: a group name has at most 255 characters/,
    );
    expect(await db.setting.count({ where: { key: { startsWith: "sso." } } })).toBe(0);

    const saved = await saveSsoAllowList(
      { domains: "Corp.Example\n@ops.example, corp.example", groups: "CN=Trailwarden Users,OU=Groups\n\n" },
      admin,
    );
    expect(saved).toEqual({ domains: ["corp.example", "ops.example"], groups: ["CN=Trailwarden Users,OU=Groups"] });
    const audit = await db.auditEvent.findFirst({ where: { action: "settings.sso_allow_list" } });
    expect(audit).toMatchObject({ actorId: "sso-admin", outcome: "success" });
    expect(audit!.details).toMatchObject({ before: { domains: [], groups: [] }, after: saved });

    // Enforced at the next sign-in: both lists must pass.
    expect(
      sessionOf(await ssoSignIn({ sub: "idp-f-1", email: "ann@corp.example", name: "Ann", groups: ["other"] })),
    ).toBeUndefined();
    expect(
      sessionOf(
        await ssoSignIn({
          sub: "idp-f-2",
          email: "ben@ops.example",
          name: "Ben",
          groups: ["CN=Trailwarden Users,OU=Groups"],
        }),
      ),
    ).toBeDefined();

    // Emptied: anyone the provider knows may sign in again.
    await saveSsoAllowList({ domains: "", groups: "" }, admin);
    expect(sessionOf(await ssoSignIn({ sub: "idp-f-3", email: "cy@elsewhere.example", name: "Cy" }))).toBeDefined();
  });
});
