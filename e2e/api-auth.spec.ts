// The API's answers to missing, insufficient and malformed requests: 401, 403, 400, never 500.
// Tokens are made through the API itself by a signed-in admin (cookie session + same-origin).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO } from "./auth-helpers";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
let baseURL: string;
let adminSession: APIRequestContext;
const tokens: Record<"viewer" | "auditor" | "admin", string> = { viewer: "", auditor: "", admin: "" };

test.beforeAll(async ({ baseURL: configured }) => {
  baseURL = configured ?? "http://127.0.0.1:3100";
  adminSession = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL, "x-forwarded-for": "198.51.100.40" },
  });
  const signIn = await adminSession.post("/api/auth/sign-in/email", {
    data: { email: DEMO.admin.email, password: DEMO.admin.password },
  });
  expect(signIn.status()).toBe(200);
  for (const role of ["viewer", "auditor", "admin"] as const) {
    const res = await adminSession.post("/api/v1/tokens", { data: { name: `e2e ${role}`, role } });
    expect(res.status()).toBe(201);
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
});

test.afterAll(async () => adminSession?.dispose());

const bearer = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

const ENDPOINTS = [
  { method: "GET", path: "/api/v1/tokens", role: "admin" },
  { method: "POST", path: "/api/v1/tokens", role: "admin", body: { name: "x", role: "viewer" } },
  { method: "DELETE", path: `/api/v1/tokens/${UNKNOWN_ID}`, role: "admin" },
  { method: "GET", path: "/api/v1/audit", role: "auditor" },
  { method: "GET", path: "/api/v1/audit?format=csv", role: "auditor" },
] as const;

test("401 without credentials and with an unknown or malformed token", async ({ request }) => {
  for (const e of ENDPOINTS) {
    const variants: Record<string, string>[] = [
      {},
      { authorization: `Bearer tw_${"0".repeat(40)}` },
      { authorization: "Bearer nonsense" },
    ];
    for (const headers of variants) {
      const res = await request.fetch(e.path, { method: e.method, headers, data: "body" in e ? e.body : undefined });
      expect(res.status(), `${e.method} ${e.path} ${JSON.stringify(headers)}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthenticated" });
    }
  }
});

test("403 with a viewer token", async ({ request }) => {
  for (const e of ENDPOINTS) {
    const res = await request.fetch(e.path, {
      method: e.method,
      headers: bearer("viewer"),
      data: "body" in e ? e.body : undefined,
    });
    expect(res.status(), `${e.method} ${e.path}`).toBe(403);
    expect(await res.json()).toMatchObject({ error: "forbidden" });
  }
});

test("400 with a message for malformed token bodies", async ({ request }) => {
  const bodies = [
    "{",
    "",
    "null",
    "[]",
    "{}",
    '{"name":""}',
    '{"name":"x"}',
    '{"name":"x","role":"root"}',
    '{"name":"x","role":"viewer","expiresInDays":0}',
    `{"name":"${"n".repeat(101)}","role":"viewer"}`,
  ];
  for (const body of bodies) {
    const res = await request.post("/api/v1/tokens", {
      headers: { ...bearer("admin"), "content-type": "application/json" },
      data: body,
    });
    expect(res.status(), `body ${body}`).toBe(400);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.error).toBe("invalid_input");
    expect(json.message.length).toBeGreaterThan(0);
  }
  const badFilter = await request.get("/api/v1/audit?outcome=maybe", { headers: bearer("auditor") });
  expect(badFilter.status()).toBe(400);
  expect((await request.delete(`/api/v1/tokens/${UNKNOWN_ID}`, { headers: bearer("admin") })).status()).toBe(404);
});

test("a cookie session cannot mutate from another origin", async () => {
  const res = await adminSession.post("/api/v1/tokens", {
    headers: { origin: "https://evil.example" },
    data: { name: "csrf", role: "admin" },
  });
  expect(res.status()).toBe(403);
});

test("tokens work until revoked; the audit log records it and exports as CSV", async ({ request }) => {
  const created = await request.post("/api/v1/tokens", {
    headers: bearer("admin"),
    data: { name: "e2e short-lived", role: "auditor" },
  });
  expect(created.status()).toBe(201);
  const { id, token } = (await created.json()) as { id: string; token: string };
  expect((await request.get("/api/v1/audit", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  expect((await request.delete(`/api/v1/tokens/${id}`, { headers: bearer("admin") })).status()).toBe(200);
  expect((await request.get("/api/v1/audit", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

  const csv = await request.get("/api/v1/audit?format=csv&action=token.", { headers: bearer("auditor") });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\n")[0]).toBe("id,at,actor_type,actor_id,actor_name,action,target,outcome,ip,user_agent,details");
  expect(text).toContain(`token.revoke,${id}`);
  expect(text).toContain("token.create");
});
