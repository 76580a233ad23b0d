// The web surface's hardening against a real PostgreSQL (issue 15, items 7, 8, 9 and 12): tokens
// capped by their creator, absolute session lifetime, sign-in attempts counted atomically with
// backoff, client addresses from trusted proxies only, aggregated refusals and the unauthenticated
// rate limit, the last-admin race, remediation ids and retry, and the coverage GET that only reads.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { POST as cancelRoute } from "@/app/api/v1/remediations/[id]/cancel/route";
import { POST as retryRoute } from "@/app/api/v1/remediations/[id]/retry/route";
import { GET as getJobRoute } from "@/app/api/v1/remediations/[id]/route";
import { GET as coverageRoute } from "@/app/api/v1/reports/coverage/route";
import { GET as listTokensRoute } from "@/app/api/v1/tokens/route";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { queryAuditEvents } from "@/lib/audit/query-audit-events";
import { auditFiltersFromParams } from "@/lib/audit/audit-filters";
import { createApiToken, principalForApiToken } from "@/lib/auth/api-tokens";
import { resetAuth } from "@/lib/auth/auth";
import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { changeUserRole, createLocalUser, setUserDisabled } from "@/lib/auth/manage-users";
import { PEER_KEY_ENV, clientIp, peerHeaderValue } from "@/lib/audit/request-meta";
import { authenticate } from "@/lib/auth/resolve-principal";
import type { Principal } from "@/lib/roles";
import { seedDemoUsers } from "@/lib/auth/seed-demo-users";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";
import { db } from "@/lib/db";
import { coverageRefreshJob } from "@/lib/jobs/coverage-refresh-job";
import { every, trail } from "../unit/coverage/history";
import { useFreshDatabase } from "./support/test-database";

const ORIGIN = "http://127.0.0.1:3000";
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let adminUser: Principal;

function apiRequest(path: string, options: { token?: string; peer?: string; method?: string; body?: string } = {}) {
  const headers: Record<string, string> = { "x-trailwarden-peer": peerHeaderValue(options.peer ?? "198.51.100.1") };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new NextRequest(`${ORIGIN}${path}`, { method: options.method ?? "GET", headers, body: options.body });
}

function signIn(email: string, password: string, peer: string, extra: Record<string, string> = {}) {
  return handleAuthRequest(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        host: "127.0.0.1:3000",
        "x-trailwarden-peer": peerHeaderValue(peer),
        ...extra,
      },
      body: JSON.stringify({ email, password }),
    }),
  );
}

beforeAll(async () => {
  process.env[PEER_KEY_ENV] = "test-peer-key";
  fresh = await useFreshDatabase();
  await seedDemoUsers();
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@trailwarden.local" } });
  adminUser = { type: "user", id: admin.id, name: admin.name, email: admin.email, role: "admin" };
});
afterAll(async () => fresh?.drop());

describe("API tokens follow their creator (item 7)", () => {
  it("drops to the creator's current role, dies with a disabled creator, and expires in 90 days by default", async () => {
    const creator = await createLocalUser(
      { name: "Token maker", email: "maker@example.com", role: "admin", password: "maker-password" },
      adminUser,
    );
    const actor: Principal = { type: "user", id: creator.id, name: creator.name, role: "admin" };
    const { token, summary } = await createApiToken({ name: "automation", role: "engineer" }, actor);
    const days = (summary.expiresAt!.getTime() - summary.createdAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    expect(await principalForApiToken(token)).toMatchObject({ role: "engineer" });

    await changeUserRole(creator.id, "viewer", adminUser);
    expect(await principalForApiToken(token)).toMatchObject({ role: "viewer" });
    await changeUserRole(creator.id, "admin", adminUser);
    expect(await principalForApiToken(token)).toMatchObject({ role: "engineer" });

    await setUserDisabled(creator.id, true, adminUser);
    expect(await principalForApiToken(token)).toBeNull();
    expect((await listTokensRoute(apiRequest("/api/v1/tokens", { token }), ctx())).status).toBe(401);
    await setUserDisabled(creator.id, false, adminUser);
    expect(await principalForApiToken(token)).toMatchObject({ role: "engineer" });
  });
});

describe("sessions (item 12)", () => {
  it("end at the absolute lifetime however active they are", async () => {
    const res = await signIn("auditor@trailwarden.local", "demo-auditor-pass", "198.51.100.20");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    expect(await authenticate(new Headers({ cookie }))).toMatchObject({ via: "session" });
    const auditor = await db.user.findUniqueOrThrow({ where: { email: "auditor@trailwarden.local" } });
    // Used a minute ago (sliding expiry would keep it), but created eight days ago.
    await db.session.updateMany({
      where: { userId: auditor.id },
      data: { createdAt: new Date(Date.now() - 8 * 86_400_000), updatedAt: new Date(Date.now() - 60_000) },
    });
    expect(await authenticate(new Headers({ cookie }))).toMatchObject({ via: "none" });
    expect(await db.session.count({ where: { userId: auditor.id } })).toBe(0);
  });
});

describe("sign-in throttling (item 9)", () => {
  beforeAll(() => {
    // Take better-auth's per-address limit out of the way: this is about the per-account count.
    process.env.TRAILWARDEN_SIGNIN_RATE_LIMIT = "10000";
    resetAuth();
  });
  afterAll(() => {
    delete process.env.TRAILWARDEN_SIGNIN_RATE_LIMIT;
    resetAuth();
  });

  it("counts concurrent attempts atomically: exactly the free allowance and one more reach the password check", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => signIn("engineer@trailwarden.local", "wrong-password", "203.0.113.7")),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(24);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Backoff, not a lock: the owner signing in from another address is not affected.
    expect((await signIn("engineer@trailwarden.local", "demo-engineer-pass", "203.0.113.8")).status).toBe(200);
  });

  it("backs off exponentially and lets the right password through once the wait is over", async () => {
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: "engineer@trailwarden.local|203.0.113.7" } });
    expect(row.failures).toBe(6);
    expect(row.blockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await signIn("engineer@trailwarden.local", "wrong-password", "203.0.113.7")).status).toBe(401);
    const after = await db.signInThrottle.findUniqueOrThrow({
      where: { key: "engineer@trailwarden.local|203.0.113.7" },
    });
    const wait = after.blockedUntil!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(1000); // the 7th failure waits 2 s
    expect(wait).toBeLessThanOrEqual(2000);
    expect((await signIn("engineer@trailwarden.local", "demo-engineer-pass", "203.0.113.7")).status).toBe(429);
    await new Promise((r) => setTimeout(r, wait + 100));
    expect((await signIn("engineer@trailwarden.local", "demo-engineer-pass", "203.0.113.7")).status).toBe(200);
    expect(
      (await db.signInThrottle.findUniqueOrThrow({ where: { key: "engineer@trailwarden.local|203.0.113.7" } }))
        .failures,
    ).toBe(0);
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8::1");
    const headers = (peer: string, xff?: string) =>
      new Headers({ "x-trailwarden-peer": peerHeaderValue(peer), ...(xff ? { "x-forwarded-for": xff } : {}) });
    expect(clientIp(headers("198.51.100.9", "192.0.2.1"), proxies)).toBe("198.51.100.9");
    expect(clientIp(headers("10.1.2.3", "192.0.2.1"), proxies)).toBe("192.0.2.1");
    // A client's own X-Forwarded-For entry sits left of what our proxies appended.
    expect(clientIp(headers("10.1.2.3", "6.6.6.6, 192.0.2.1, 10.9.9.9"), proxies)).toBe("192.0.2.1");
    expect(clientIp(headers("::ffff:10.1.2.3", "192.0.2.2"), proxies)).toBe("192.0.2.2");
    expect(clientIp(headers("2001:db8::1", "192.0.2.3"), proxies)).toBe("192.0.2.3");
    // No peer from our web server (or a forged one without its key): unknown, never the client's word.
    expect(clientIp(new Headers({ "x-forwarded-for": "192.0.2.1" }), proxies)).toBeNull();
    expect(
      clientIp(new Headers({ "x-trailwarden-peer": "guess 10.1.2.3", "x-forwarded-for": "192.0.2.1" }), proxies),
    ).toBeNull();
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRAILWARDEN_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/TRAILWARDEN_TRUSTED_PROXIES/);

    // End to end: a client rotating X-Forwarded-For from one untrusted address is one address.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await signIn("viewer@trailwarden.local", "wrong", "198.51.100.77", { "x-forwarded-for": `192.0.2.${i}` }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const audited = await db.auditEvent.findMany({
      where: { action: "auth.sign_in", details: { path: ["email"], equals: "viewer@trailwarden.local" } },
      select: { ip: true },
    });
    expect(new Set(audited.map((e) => e.ip))).toEqual(new Set(["198.51.100.77"]));
  });
});

describe("audit flood (item 8)", () => {
  it("aggregates repeated bad tokens per source into one row a minute, with the count", async () => {
    const bad = "tw_" + "z".repeat(40);
    const peer = "198.51.100.50";
    for (let i = 0; i < 25; i++)
      expect((await listTokensRoute(apiRequest("/api/v1/tokens", { token: bad, peer }), ctx())).status).toBe(401);
    const rows = await db.auditEvent.findMany({ where: { action: "auth.token_invalid", ip: peer } });
    // One row per minute (the loop may straddle a minute boundary).
    const minutes = new Set(rows.map((r) => Math.floor(r.at.getTime() / 60_000))).size;
    expect(rows.length).toBe(minutes);
    expect(minutes).toBeLessThanOrEqual(2);
    const parsed = auditFiltersFromParams({ action: "auth.token_invalid" });
    if (!parsed.success) throw parsed.error;
    const shown = (await queryAuditEvents(parsed.data)).events.filter((e) => e.ip === peer);
    const total = shown.reduce((n, e) => n + ((e.details as { count?: number }).count ?? 1), 0);
    expect(total).toBe(25);
  });

  it("aggregates a principal's repeated denials the same way", async () => {
    const { token } = await createApiToken({ name: "viewer bot", role: "viewer" }, cliPrincipal("test"));
    for (let i = 0; i < 12; i++)
      expect((await listTokensRoute(apiRequest("/api/v1/tokens", { token }), ctx())).status).toBe(403);
    const { token: auditor } = await createApiToken({ name: "auditor bot", role: "auditor" }, cliPrincipal("test"));
    const res = await auditRoute(apiRequest("/api/v1/audit?action=access.denied", { token: auditor }), ctx());
    const events = ((await res.json()) as { events: { actorName: string; details: { count?: number } }[] }).events;
    const mine = events.filter((e) => e.actorName === "token:viewer bot");
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.length).toBeLessThanOrEqual(2); // one a minute; the loop may straddle a minute
    expect(mine.reduce((n, e) => n + (e.details.count ?? 1), 0)).toBe(12);
  });

  it("rate-limits API requests without valid credentials per address", async () => {
    process.env.TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT = "5";
    resetAuth();
    try {
      const peer = "198.51.100.60";
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await listTokensRoute(apiRequest("/api/v1/tokens", { token: "tw_bad", peer }), ctx())).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const limited = await listTokensRoute(apiRequest("/api/v1/tokens", { peer }), ctx());
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another address, and valid credentials from this one, are not affected.
      expect((await listTokensRoute(apiRequest("/api/v1/tokens", { peer: "198.51.100.61" }), ctx())).status).toBe(401);
      const { token } = await createApiToken({ name: "admin bot", role: "admin" }, cliPrincipal("test"));
      expect((await listTokensRoute(apiRequest("/api/v1/tokens", { token, peer }), ctx())).status).toBe(200);
    } finally {
      delete process.env.TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT;
      resetAuth();
    }
  });
});

describe("last admin (item 12)", () => {
  it("two admins demoting each other at once leave one admin", async () => {
    const a = await createLocalUser(
      { name: "A", email: "a@example.com", role: "admin", password: "password-a" },
      adminUser,
    );
    const b = await createLocalUser(
      { name: "B", email: "b@example.com", role: "admin", password: "password-b" },
      adminUser,
    );
    await changeUserRole(adminUser.id, "engineer", cliPrincipal("test"));
    await db.user.updateMany({ where: { role: "admin", id: { notIn: [a.id, b.id] } }, data: { role: "engineer" } });
    const results = await Promise.allSettled([
      changeUserRole(a.id, "viewer", cliPrincipal("test")),
      changeUserRole(b.id, "viewer", cliPrincipal("test")),
      setUserDisabled(a.id, true, cliPrincipal("test")),
      setUserDisabled(b.id, true, cliPrincipal("test")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
    await changeUserRole(adminUser.id, "admin", cliPrincipal("test"));
  });
});

describe("remediation ids and retry (item 12)", () => {
  const ACCOUNT = "444444444444";
  let engineer = "";
  beforeAll(async () => {
    engineer = (await createApiToken({ name: "engineer bot", role: "engineer" }, cliPrincipal("test"))).token;
    await db.awsAccount.create({ data: { id: ACCOUNT, name: "Retry target" } });
  });

  it("answers 404, not 500, for ids that are not UUIDs", async () => {
    for (const id of ["not-a-uuid", "1", "%00", "00000000-0000-0000-0000-00000000000g"]) {
      const path = `/api/v1/remediations/${encodeURIComponent(id)}`;
      expect((await getJobRoute(apiRequest(path, { token: engineer }), ctx({ id }))).status, id).toBe(404);
      for (const route of [cancelRoute, retryRoute])
        expect((await route(apiRequest(`${path}/x`, { token: engineer, method: "POST" }), ctx({ id }))).status).toBe(
          404,
        );
    }
  });

  it("a refused retry leaves the failed job's steps as they were", async () => {
    const step = (index: number, status: string) => ({
      index,
      key: `k${index}`,
      title: "t",
      why: "w",
      service: "cloudtrail",
      operation: "UpdateTrail",
      region: "us-east-1",
      targetAccountId: ACCOUNT,
      params: {},
      status,
    });
    const failed = await db.remediationJob.create({
      data: {
        accountId: ACCOUNT,
        requestedBy: "test",
        mode: "apply",
        status: "failed",
        plan: { steps: [] },
        planHash: "h",
        steps: { create: [step(0, "succeeded"), step(1, "failed")] },
      },
    });
    await db.remediationJob.create({
      data: {
        accountId: ACCOUNT,
        requestedBy: "test",
        mode: "apply",
        status: "running",
        plan: { steps: [] },
        planHash: "h",
      },
    });
    const res = await retryRoute(
      apiRequest(`/api/v1/remediations/${failed.id}/retry`, { token: engineer, method: "POST" }),
      ctx({ id: failed.id }),
    );
    expect(res.status).toBe(409);
    const steps = await db.remediationStep.findMany({ where: { jobId: failed.id }, orderBy: { index: "asc" } });
    expect(steps.map((s) => s.status)).toEqual(["succeeded", "failed"]);
    expect((await db.remediationJob.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("failed");
  });
});

describe("coverage report (item 12)", () => {
  it("GET only reads; the coverage-refresh job rebuilds the rollups", async () => {
    const id = "555555555555";
    await db.awsAccount.create({ data: { id, name: "Coverage" } });
    const snapshots = every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [trail()], { accountId: id });
    await db.snapshot.createMany({
      data: snapshots.map((s) => ({
        accountId: id,
        collectedAt: new Date(s.collectedAt),
        status: s.status,
        state: (s.state ?? {}) as object,
      })),
    });
    const { token } = await createApiToken({ name: "auditor", role: "auditor" }, cliPrincipal("test"));
    const res = await coverageRoute(
      apiRequest(`/api/v1/reports/coverage?from=2025-03-01&to=2025-03-10&account=${id}`, { token }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(await db.coverageDay.count({ where: { accountId: id } })).toBe(0);
    await coverageRefreshJob.handle(
      { accountIds: [id] },
      {
        jobId: "test",
        retryCount: 0,
        signal: new AbortController().signal,
        log: () => undefined,
      },
    );
    expect(await db.coverageDay.count({ where: { accountId: id } })).toBeGreaterThan(0);
  });
});
