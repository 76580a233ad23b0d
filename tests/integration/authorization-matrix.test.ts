// Every mutating endpoint and server action × every role, anonymous, and a token whose creator was
// disabled: one table, one expected status per cell, run through the real guards against
// PostgreSQL. The table is checked against the code: a POST/PUT/PATCH/DELETE route under app/api or
// a roleAction under app/ without a row fails this test, so new endpoints must be classified here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { RULE_IDS } from "@/lib/alerts/alert-rules";
import { createApiToken } from "@/lib/auth/api-tokens";
import { PEER_KEY_ENV, peerHeaderValue } from "@/lib/audit/request-meta";
import type { Principal, Role } from "@/lib/roles";
import { seedDemoUsers } from "@/lib/auth/seed-demo-users";
import { setUserDisabled } from "@/lib/auth/manage-users";
import { db } from "@/lib/db";
import { useFreshDatabase } from "./support/test-database";

// Server actions read the request through next/headers and refresh pages through next/cache.
const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => current.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Caller = Role | "anonymous" | "disabled";
const CALLERS: readonly Caller[] = ["admin", "engineer", "auditor", "viewer", "anonymous", "disabled"];
type Expect = Record<Caller, number>;

/** Allowed from `min` up with `ok`; 403 below it; 401 without valid credentials. */
function byRole(min: Role, ok: number): Expect {
  const order: Role[] = ["viewer", "auditor", "engineer", "admin"];
  const row = { anonymous: 401, disabled: 401 } as Expect;
  for (const role of order) row[role] = order.indexOf(role) >= order.indexOf(min) ? ok : 403;
  return row;
}

const NO_SUCH = "00000000-0000-4000-8000-000000000000";
const UNKNOWN_ACCOUNT = "999999999999";
let seq = 0;

interface RouteRow {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route file's folder under app/, as in the file tree. */
  route: string;
  /** Public routes are outside the guards (better-auth's own endpoints). */
  public?: string;
  load?: () => Promise<unknown>;
  path?: string;
  params?: Record<string, string>;
  body?: () => unknown;
  expect?: Expect;
}

// The expected answer of an allowed caller is the endpoint's real answer to this request: 201 a
// created token, 202 a queued collection, 404 an unknown job or account (the guard let it through).
const ROUTES: RouteRow[] = [
  { method: "POST", route: "api/auth/[...all]", public: "better-auth: sign-in, sign-out and OAuth callbacks" },
  {
    method: "POST",
    route: "api/v1/collections",
    load: () => import("@/app/api/v1/collections/route"),
    path: "/api/v1/collections",
    body: () => ({ accountIds: [UNKNOWN_ACCOUNT] }),
    expect: byRole("engineer", 202),
  },
  {
    method: "POST",
    route: "api/v1/remediations",
    load: () => import("@/app/api/v1/remediations/route"),
    path: "/api/v1/remediations",
    body: () => ({ accountId: UNKNOWN_ACCOUNT, mode: "plan" }),
    expect: byRole("engineer", 404),
  },
  {
    method: "POST",
    route: "api/v1/remediations/[id]/cancel",
    load: () => import("@/app/api/v1/remediations/[id]/cancel/route"),
    path: `/api/v1/remediations/${NO_SUCH}/cancel`,
    params: { id: NO_SUCH },
    expect: byRole("engineer", 404),
  },
  {
    method: "POST",
    route: "api/v1/remediations/[id]/retry",
    load: () => import("@/app/api/v1/remediations/[id]/retry/route"),
    path: `/api/v1/remediations/${NO_SUCH}/retry`,
    params: { id: NO_SUCH },
    expect: byRole("engineer", 404),
  },
  {
    method: "POST",
    route: "api/v1/tokens",
    load: () => import("@/app/api/v1/tokens/route"),
    path: "/api/v1/tokens",
    body: () => ({ name: `matrix ${++seq}`, role: "viewer" }),
    expect: byRole("admin", 201),
  },
  {
    method: "DELETE",
    route: "api/v1/tokens/[id]",
    load: () => import("@/app/api/v1/tokens/[id]/route"),
    path: `/api/v1/tokens/${NO_SUCH}`,
    params: { id: NO_SUCH },
    expect: byRole("admin", 404),
  },
];

interface ActionRow {
  file: string;
  load: () => Promise<unknown>;
  name: string;
  input: () => unknown;
  /** 200 done, 409 refused as data (ActionResult ok: false), else the thrown error's status. */
  expect: Expect;
}

let targetUserId = "";
const ACTIONS: ActionRow[] = [
  {
    file: "app/settings/users/actions.ts",
    load: () => import("@/app/settings/users/actions"),
    name: "createUserAction",
    input: () => ({
      name: "Matrix",
      email: `matrix-${++seq}@example.com`,
      role: "viewer",
      password: "matrix-password",
    }),
    expect: byRole("admin", 200),
  },
  {
    file: "app/settings/users/actions.ts",
    load: () => import("@/app/settings/users/actions"),
    name: "changeUserRoleAction",
    input: () => ({ userId: targetUserId, role: "viewer" }),
    expect: byRole("admin", 200),
  },
  {
    file: "app/settings/users/actions.ts",
    load: () => import("@/app/settings/users/actions"),
    name: "setUserDisabledAction",
    input: () => ({ userId: targetUserId, disabled: false }),
    expect: byRole("admin", 200),
  },
  {
    file: "app/settings/tokens/actions.ts",
    load: () => import("@/app/settings/tokens/actions"),
    name: "createTokenAction",
    input: () => ({ name: `matrix action ${++seq}`, role: "viewer" }),
    expect: byRole("admin", 200),
  },
  {
    file: "app/settings/tokens/actions.ts",
    load: () => import("@/app/settings/tokens/actions"),
    name: "revokeTokenAction",
    input: () => ({ id: NO_SUCH }),
    expect: byRole("admin", 409),
  },
  // Alert settings: unknown destinations are refused as data (409); an empty destination is invalid (400).
  {
    file: "app/settings/alerts/actions.ts",
    load: () => import("@/app/settings/alerts/actions"),
    name: "createDestinationAction",
    input: () => ({}),
    expect: byRole("admin", 400),
  },
  {
    file: "app/settings/alerts/actions.ts",
    load: () => import("@/app/settings/alerts/actions"),
    name: "setDestinationEnabledAction",
    input: () => ({ id: NO_SUCH, enabled: false }),
    expect: byRole("admin", 409),
  },
  {
    file: "app/settings/alerts/actions.ts",
    load: () => import("@/app/settings/alerts/actions"),
    name: "deleteDestinationAction",
    input: () => ({ id: NO_SUCH }),
    expect: byRole("admin", 409),
  },
  {
    file: "app/settings/alerts/actions.ts",
    load: () => import("@/app/settings/alerts/actions"),
    name: "sendTestAction",
    input: () => ({ id: NO_SUCH }),
    expect: byRole("admin", 409),
  },
  {
    file: "app/settings/alerts/actions.ts",
    load: () => import("@/app/settings/alerts/actions"),
    name: "updateRuleAction",
    input: () => ({ id: RULE_IDS[0], enabled: true }),
    expect: byRole("admin", 200),
  },
  {
    file: "app/settings/sso/actions.ts",
    load: () => import("@/app/settings/sso/actions"),
    name: "saveSsoAllowListAction",
    input: () => ({ domains: "example.com", groups: "" }),
    expect: byRole("admin", 200),
  },
];

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full, name) : name.test(entry) ? [full] : [];
  });
}

/** "POST api/v1/tokens" for every mutating handler a route file exports. */
function mutatingRoutesInCode(): string[] {
  const out: string[] = [];
  for (const file of filesUnder(path.join(ROOT, "app/api"), /^route\.ts$/)) {
    const route = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g))
      out.push(`${m[1]} ${route}`);
  }
  return out.sort();
}

/** "app/x/actions.ts createThing" for every exported server action. */
function actionsInCode(): string[] {
  const out: string[] = [];
  for (const file of filesUnder(path.join(ROOT, "app"), /\.tsx?$/)) {
    const text = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/m.test(text)) continue;
    const rel = path.relative(ROOT, file).split(path.sep).join("/");
    for (const m of text.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Za-z0-9_]+)/g))
      out.push(`${rel} ${m[1]}`);
  }
  return out.sort();
}

const tokens = {} as Record<Caller, string | null>;
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;

beforeAll(async () => {
  process.env[PEER_KEY_ENV] = "test-peer-key";
  fresh = await useFreshDatabase();
  await seedDemoUsers();
  const users = await db.user.findMany({ select: { id: true, name: true, role: true, email: true } });
  // Each role's token is made by the demo user of that role, as an admin would hand them out.
  for (const role of ["admin", "engineer", "auditor", "viewer"] as const) {
    const user = users.find((u) => u.role === role)!;
    const creator: Principal = { type: "user", id: user.id, name: user.name, role: "admin" };
    tokens[role] = (await createApiToken({ name: `matrix ${role}`, role }, creator)).token;
  }
  tokens.anonymous = null;
  const admin = users.find((u) => u.role === "admin")!;
  const adminPrincipal: Principal = { type: "user", id: admin.id, name: admin.name, role: "admin" };
  const leaver = await db.user.create({
    data: { id: "matrix-leaver", name: "Leaver", email: "leaver@example.com", role: "admin", emailVerified: true },
  });
  tokens.disabled = (
    await createApiToken({ name: "leaver's", role: "admin" }, { type: "user", id: leaver.id, name: "Leaver" })
  ).token;
  await setUserDisabled(leaver.id, true, adminPrincipal);
  targetUserId = users.find((u) => u.role === "viewer")!.id;
});
afterAll(async () => fresh?.drop());

describe("the authorization table covers the code", () => {
  it("has a row for every mutating route handler", () => {
    const rows = ROUTES.map((r) => `${r.method} ${r.route}`).sort();
    expect(rows, "add a row to ROUTES for each new mutating endpoint").toEqual(mutatingRoutesInCode());
  });

  it("has a row for every server action", () => {
    const rows = ACTIONS.map((a) => `${a.file} ${a.name}`).sort();
    expect(rows, "add a row to ACTIONS for each new server action").toEqual(actionsInCode());
  });
});

function headersFor(caller: Caller): Headers {
  const headers = new Headers({
    "content-type": "application/json",
    "x-trailwarden-peer": peerHeaderValue(`198.51.100.${CALLERS.indexOf(caller) + 100}`),
  });
  const token = tokens[caller];
  if (token) headers.set("authorization", `Bearer ${token}`);
  return headers;
}

describe("mutating endpoints × callers", () => {
  for (const row of ROUTES.filter((r) => !r.public)) {
    it(`${row.method} ${row.path}`, async () => {
      const mod = (await row.load!()) as Record<
        string,
        (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
      >;
      const handler = mod[row.method]!;
      const got = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        const body = row.body ? JSON.stringify(row.body()) : undefined;
        const req = new NextRequest(`http://127.0.0.1:3000${row.path}`, {
          method: row.method,
          headers: headersFor(caller),
          body,
        });
        got[caller] = (await handler(req, { params: Promise.resolve(row.params ?? {}) })).status;
      }
      expect(got).toEqual(row.expect);
    });
  }
});

describe("server actions × callers", () => {
  for (const row of ACTIONS) {
    it(`${row.file} ${row.name}`, async () => {
      const mod = (await row.load()) as Record<string, (input: unknown) => Promise<{ ok: boolean }>>;
      const action = mod[row.name]!;
      const got = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        current.headers = headersFor(caller);
        try {
          const result = await action(row.input());
          got[caller] = result.ok ? 200 : 409;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          got[caller] = err.status;
        }
      }
      expect(got).toEqual(row.expect);
    });
  }

  it("leaves an audit trail of the refusals", async () => {
    expect(await db.auditEvent.count({ where: { action: "access.denied" } })).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { action: "auth.token_invalid" } })).toBeGreaterThan(0);
  });
});
