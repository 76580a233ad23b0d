// Sign-in, API tokens and the audit log against a real PostgreSQL: token lifecycle and bearer
// resolution, sessions through better-auth, disabled users, the sign-in rate limit, and the audit
// table refusing changes through the application's own client.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createApiToken, listApiTokens, principalForApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { authenticate } from "@/lib/auth/resolve-principal";
import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { DEMO_USERS, seedDemoUsers } from "@/lib/auth/seed-demo-users";
import { setUserDisabled } from "@/lib/auth/manage-users";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { PEER_KEY_ENV, peerHeaderValue } from "@/lib/audit/request-meta";
import { auditFiltersFromParams } from "@/lib/audit/audit-filters";
import { queryAuditEvents } from "@/lib/audit/query-audit-events";
import { useFreshDatabase } from "./support/test-database";

const ORIGIN = "http://127.0.0.1:3000";
const ctx = { params: Promise.resolve({}) };
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;

beforeAll(async () => {
  // As Trailwarden's web server does: each request carries its TCP peer behind a per-process key.
  process.env[PEER_KEY_ENV] = "test-peer-key";
  fresh = await useFreshDatabase();
  await seedDemoUsers();
});
afterAll(async () => fresh.drop());

async function signIn(email: string, password: string, ip = "192.0.2.10"): Promise<Response> {
  return handleAuthRequest(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        host: "127.0.0.1:3000",
        "x-forwarded-for": ip,
        "x-trailwarden-peer": peerHeaderValue(ip),
        "user-agent": "vitest",
      },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function sessionCookie(res: Response): string {
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie?.startsWith("trailwarden.session_token=")) throw new Error(`no session cookie (status ${res.status})`);
  return cookie;
}

describe("API tokens", () => {
  it("creates, lists, resolves, revokes, and audits both", async () => {
    const actor = cliPrincipal("test");
    const { token, summary } = await createApiToken({ name: "ci", role: "engineer" }, actor);
    expect(token).toMatch(/^tw_[0-9A-Za-z]{40}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.tokenHash).not.toContain(token.slice(3));
    expect(row.prefix).toBe(token.slice(0, 9));
    expect((await listApiTokens()).map((t) => t.id)).toContain(summary.id);

    const auth = await authenticate(new Headers({ authorization: `Bearer ${token}` }));
    expect(auth).toMatchObject({ via: "token", principal: { type: "token", id: summary.id, role: "engineer" } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt).not.toBeNull();

    await revokeApiToken(summary.id, actor);
    await revokeApiToken(summary.id, actor); // idempotent, audited once
    expect(await principalForApiToken(token)).toBeNull();
    expect(await authenticate(new Headers({ authorization: `Bearer ${token}` }))).toMatchObject({
      via: "invalid-token",
    });

    const events = await db.auditEvent.findMany({ where: { target: summary.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["token.create", "token.revoke"]);
  });

  it("does not accept expired tokens", async () => {
    const { token, summary } = await createApiToken(
      { name: "short", role: "viewer", expiresInDays: 1 },
      cliPrincipal("test"),
    );
    expect(await principalForApiToken(token)).not.toBeNull();
    expect(await principalForApiToken(token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
    await revokeApiToken(summary.id, cliPrincipal("test"));
  });

  it("guards the tokens endpoint by bearer token: 401, 403, 400, 201", async () => {
    const { token: viewer } = await createApiToken({ name: "viewer", role: "viewer" }, cliPrincipal("test"));
    const { token: admin } = await createApiToken({ name: "admin", role: "admin" }, cliPrincipal("test"));
    const req = (bearer: string | null, method = "GET", body?: string) =>
      new NextRequest(`${ORIGIN}/api/v1/tokens`, {
        method,
        body,
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });

    expect((await listTokensRoute(req(null), ctx)).status).toBe(401);
    expect((await listTokensRoute(req("tw_" + "x".repeat(40)), ctx)).status).toBe(401);
    expect((await listTokensRoute(req(viewer), ctx)).status).toBe(403);
    expect((await createTokenRoute(req(viewer, "POST", '{"name":"x","role":"admin"}'), ctx)).status).toBe(403);
    for (const body of [
      "{",
      '{"name":""}',
      '{"name":"x","role":"root"}',
      "[]",
      '{"name":"x","role":"viewer","expiresInDays":-1}',
    ]) {
      expect((await createTokenRoute(req(admin, "POST", body), ctx)).status, body).toBe(400);
    }
    const created = await createTokenRoute(req(admin, "POST", '{"name":"made by api","role":"auditor"}'), ctx);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: "made by api",
      role: "auditor",
      token: expect.stringMatching(/^tw_/),
    });
    const listed = (await (await listTokensRoute(req(admin), ctx)).json()) as { tokens: Record<string, unknown>[] };
    expect(listed.tokens.every((t) => !("token" in t) && !("tokenHash" in t))).toBe(true);
  });
});

describe("sessions", () => {
  it("seeds one user per role, idempotently", async () => {
    expect(await seedDemoUsers()).toEqual([]);
    const users = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
    expect(users.map((u) => u.role).sort()).toEqual(["admin", "auditor", "engineer", "viewer"]);
  });

  it("signs in with the demo password, resolves the role, and audits success and failure", async () => {
    const res = await signIn("auditor@trailwarden.local", "demo-auditor-pass", "192.0.2.20");
    expect(res.status).toBe(200);
    const auth = await authenticate(new Headers({ cookie: sessionCookie(res) }));
    expect(auth).toMatchObject({
      via: "session",
      principal: { type: "user", role: "auditor", email: "auditor@trailwarden.local" },
    });

    expect((await signIn("auditor@trailwarden.local", "wrong-password", "192.0.2.20")).status).toBe(401);
    const events = await db.auditEvent.findMany({
      where: { action: "auth.sign_in", ip: "192.0.2.20" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.outcome)).toEqual(["success", "failure"]);
    expect(events[0]?.userAgent).toBe("vitest");
  });

  it("ends a disabled user's sessions and refuses their sign-in", async () => {
    const res = await signIn("viewer@trailwarden.local", "demo-viewer-pass", "192.0.2.30");
    const cookie = sessionCookie(res);
    const viewer = await db.user.findUniqueOrThrow({ where: { email: "viewer@trailwarden.local" } });
    await setUserDisabled(viewer.id, true, cliPrincipal("test"));
    expect(await authenticate(new Headers({ cookie }))).toMatchObject({ via: "none" });
    expect((await signIn("viewer@trailwarden.local", "demo-viewer-pass", "192.0.2.30")).status).toBe(403);
    await setUserDisabled(viewer.id, false, cliPrincipal("test"));
  });

  it("rate-limits password sign-in per address and audits the refusal", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn("nobody@trailwarden.local", "x", "192.0.2.40")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect((await signIn("engineer@trailwarden.local", "demo-engineer-pass", "192.0.2.41")).status).toBe(200);
    // Refusals are aggregated per source and minute: one row a minute (the two refusals may
    // straddle a minute boundary), and the rows' counts add up to both refusals.
    const rows = await db.auditEvent.findMany({
      where: { action: "auth.sign_in", outcome: "denied", ip: "192.0.2.40" },
    });
    const minutes = new Set(rows.map((r) => Math.floor(r.at.getTime() / 60_000))).size;
    expect(rows.length).toBe(minutes);
    const parsed = auditFiltersFromParams({ action: "auth.sign_in", outcome: "denied" });
    if (!parsed.success) throw parsed.error;
    const shown = (await queryAuditEvents(parsed.data)).events.filter((e) => e.ip === "192.0.2.40");
    expect(shown.reduce((n, e) => n + ((e.details as { count?: number }).count ?? 1), 0)).toBe(2);
  });
});

describe("audit log", () => {
  it("refuses UPDATE and DELETE through the application's client", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe(event.action);
  });
});
