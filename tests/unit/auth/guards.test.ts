// The guard wrappers' decisions, with who-is-asking and Next's request APIs replaced by fakes.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Authentication } from "@/lib/auth/resolve-principal";
import type { Principal } from "@/lib/roles";

const state = vi.hoisted(() => ({ auth: { via: "none", principal: null } as unknown, headers: new Headers() }));

vi.mock("@/lib/auth/resolve-principal", () => ({ authenticate: vi.fn(async () => state.auth) }));
vi.mock("@/lib/auth/record-access-event", () => ({
  recordDenied: vi.fn(async () => undefined),
  recordInvalidToken: vi.fn(async () => undefined),
}));
vi.mock("@/lib/auth/unauthenticated-rate-limit", () => ({ limitUnauthenticated: vi.fn(async () => undefined) }));
vi.mock("@/lib/auth/auth-env", () => ({ getAuthSettings: () => ({ publicUrl: "http://127.0.0.1:3000" }) }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));

const { currentPrincipal, requirePageRole, roleAction, withRole } = await import("@/lib/auth/guards");
const { recordDenied, recordInvalidToken } = await import("@/lib/auth/record-access-event");

const user = (role: Principal["role"]): Principal => ({ type: "user", id: "u1", name: "Ada", email: "ada@x", role });
const token = (role: Principal["role"]): Principal => ({ type: "token", id: "t1", name: "token:ci", role });
const signedIn = (p: Principal): Authentication =>
  p.type === "token" ? { via: "token", principal: p } : { via: "session", principal: p };
const ctx = { params: Promise.resolve({}) };

function request(method: string, headers: Record<string, string> = {}, body?: string) {
  return new NextRequest("http://127.0.0.1:3000/api/v1/things", {
    method,
    headers: { host: "127.0.0.1:3000", ...headers },
    body,
  });
}

async function status(res: Response) {
  return { status: res.status, body: (await res.json()) as { error: string; message: string } };
}

const ok = withRole("engineer", async (req, { principal }) =>
  Response.json({ who: principal.name, method: req.method }),
);
const echo = withRole("viewer", async (req) => Response.json(z.object({ n: z.number() }).parse(await req.json())));

beforeEach(() => {
  state.auth = { via: "none", principal: null };
  state.headers = new Headers({ host: "127.0.0.1:3000" });
  vi.mocked(recordDenied).mockClear();
  vi.mocked(recordInvalidToken).mockClear();
});

describe("withRole", () => {
  it("answers 401 without credentials and with an unknown token", async () => {
    expect((await status(await ok(request("GET"), ctx))).status).toBe(401);
    state.auth = { via: "invalid-token", principal: null, tokenPrefix: "tw_abcdef" };
    const res = await status(await ok(request("GET", { authorization: "Bearer tw_x" }), ctx));
    expect(res).toMatchObject({ status: 401, body: { error: "unauthenticated" } });
    expect(recordInvalidToken).toHaveBeenCalledOnce();
  });

  it("answers 403 below the role and records the denial", async () => {
    state.auth = signedIn(user("auditor"));
    const res = await status(await ok(request("GET"), ctx));
    expect(res).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect(res.body.message).toContain("engineer");
    expect(recordDenied).toHaveBeenCalledOnce();
  });

  it("runs the handler at or above the role", async () => {
    state.auth = signedIn(user("admin"));
    const res = await ok(request("GET"), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ who: "Ada", method: "GET" });
  });

  it("refuses a cookie-session mutation from another origin, or with no origin at all", async () => {
    state.auth = signedIn(user("admin"));
    expect((await ok(request("POST", { origin: "https://evil.example" }), ctx)).status).toBe(403);
    expect((await ok(request("DELETE"), ctx)).status).toBe(403);
    expect((await ok(request("POST", { origin: "http://127.0.0.1:3000" }), ctx)).status).toBe(200);
  });

  it("exempts bearer-token mutations from the origin check", async () => {
    state.auth = signedIn(token("admin"));
    expect((await ok(request("POST", { origin: "https://evil.example", authorization: "Bearer x" }), ctx)).status).toBe(
      200,
    );
    expect((await ok(request("PATCH", { authorization: "Bearer x" }), ctx)).status).toBe(200);
  });

  it("answers 400, never 500, for malformed JSON and schema violations", async () => {
    state.auth = signedIn(token("viewer"));
    for (const body of ["{", "", "not json", "[1,"]) {
      const res = await status(await echo(request("POST", {}, body), ctx));
      expect(res, `body ${JSON.stringify(body)}`).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    }
    for (const body of ["{}", '{"n":"1"}', "null", "[]"]) {
      expect((await echo(request("POST", {}, body), ctx)).status, `body ${body}`).toBe(400);
    }
    expect((await echo(request("POST", {}, '{"n":1}'), ctx)).status).toBe(200);
  });
});

describe("roleAction", () => {
  const action = roleAction(
    "engineer",
    z.object({ id: z.string().min(1) }),
    async (input, principal) => `${principal.name}:${input.id}`,
  );

  it("refuses the signed-out and roles below", async () => {
    await expect(action({ id: "x" })).rejects.toMatchObject({ status: 401 });
    state.auth = signedIn(user("viewer"));
    state.headers = new Headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" });
    await expect(action({ id: "x" })).rejects.toMatchObject({ status: 403 });
    expect(recordDenied).toHaveBeenCalledOnce();
  });

  it("refuses a cross-site call and invalid input, then runs", async () => {
    state.auth = signedIn(user("engineer"));
    state.headers = new Headers({ host: "127.0.0.1:3000", origin: "https://evil.example" });
    await expect(action({ id: "x" })).rejects.toMatchObject({ status: 403 });
    state.headers = new Headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" });
    await expect(action({ id: "" })).rejects.toMatchObject({ status: 400 });
    await expect(action({ id: "x" })).resolves.toBe("Ada:x");
  });
});

describe("requirePageRole and currentPrincipal", () => {
  it("redirects the signed-out to sign-in with the page to come back to", async () => {
    state.headers = new Headers({ "x-trailwarden-path": "/audit?page=2" });
    await expect(requirePageRole("viewer")).rejects.toThrow("REDIRECT /sign-in?next=%2Faudit%3Fpage%3D2");
    expect(await currentPrincipal()).toBeNull();
  });

  it("shows 403 below the role and returns the principal otherwise", async () => {
    state.auth = signedIn(user("auditor"));
    await expect(requirePageRole("admin")).rejects.toThrow("FORBIDDEN");
    await expect(requirePageRole("auditor")).resolves.toMatchObject({ name: "Ada", role: "auditor" });
  });
});
