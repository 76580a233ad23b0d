// The HTTP contract of /api/v1/remediations, through the real route handlers and the real guard
// (API tokens against PostgreSQL): 400 with a message for bad input, 401/403 by role, 201 plan,
// 202 apply of the confirmed plan, 409 while a job of the account is active, GET the job with its
// steps, cancel (and 409 on a job that already ended), list.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/remediations/[id]/cancel/route";
import { GET as getJobRoute } from "@/app/api/v1/remediations/[id]/route";
import { GET as listRoute, POST as remediationsRoute } from "@/app/api/v1/remediations/route";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createApiToken } from "@/lib/auth/api-tokens";
import { runCollection } from "@/lib/collect/run-collection";
import { db } from "@/lib/db";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
const tokens = { viewer: "", engineer: "" };
const BASE = "http://127.0.0.1:3000";

function request(method: string, path: string, token: string | null, body?: unknown): NextRequest {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new NextRequest(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const idOf = (name: string) => manifest.accounts.find((a) => a.name === name)!.accountId;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!, { organizationTrail: true });
  await runCollection({ trigger: "cli" });
  for (const role of ["viewer", "engineer"] as const)
    tokens[role] = (await createApiToken({ name: `it ${role}`, role }, cliPrincipal())).token;
});

afterAll(async () => fresh?.drop());

describe("POST /api/v1/remediations", () => {
  it("answers 400 with a message for bad input", async () => {
    for (const body of [
      "{",
      {},
      { accountId: "123", mode: "plan" },
      { accountId: idOf("sandbox-bob"), mode: "fix" },
      { accountId: idOf("sandbox-bob"), mode: "plan", planId: "00000000-0000-4000-8000-000000000000" },
      { accountId: idOf("sandbox-bob"), mode: "plan", extra: 1 },
      { scope: "organization", accountId: idOf("sandbox-bob"), mode: "plan" },
      { scope: "everything", mode: "plan" },
      { accountId: idOf("sandbox-bob"), mode: "plan", alarmEmail: "not-an-email" },
    ]) {
      const res = await remediationsRoute(request("POST", "/api/v1/remediations", tokens.engineer, body), ctx());
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: string; message: string };
      expect(json.error).toBe("invalid_input");
      expect(json.message.length).toBeGreaterThan(10);
    }
  });

  it("needs credentials and the engineer role", async () => {
    expect(
      (
        await remediationsRoute(
          request("POST", "/api/v1/remediations", null, { accountId: idOf("sandbox-bob"), mode: "plan" }),
          ctx(),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await remediationsRoute(
          request("POST", "/api/v1/remediations", tokens.viewer, { accountId: idOf("sandbox-bob"), mode: "plan" }),
          ctx(),
        )
      ).status,
    ).toBe(403);
  });

  it("plans the organization fix (201) and applies exactly that plan (202)", async () => {
    const planned = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { scope: "organization", mode: "plan" }),
      ctx(),
    );
    expect(planned.status).toBe(201);
    const { job } = (await planned.json()) as {
      job: { id: string; scope: string; accountId: string; plan: { organization: { trail: { adopted: boolean } } } };
    };
    expect(job).toMatchObject({ scope: "organization", accountId: manifest.managementAccountId });
    expect(job.plan.organization.trail.adopted).toBe(true);
    // A family-fix body cannot apply the organization plan.
    const wrong = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, {
        accountId: manifest.managementAccountId,
        mode: "apply",
        planId: job.id,
      }),
      ctx(),
    );
    expect(wrong.status).toBe(400);
    const applied = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, {
        scope: "organization",
        mode: "apply",
        planId: job.id,
      }),
      ctx(),
    );
    expect(applied.status).toBe(202);
    const cancelled = await cancelRoute(
      request("POST", `/api/v1/remediations/${job.id}/cancel`, tokens.engineer, {}),
      ctx({ id: job.id }),
    );
    expect(cancelled.status).toBe(200);
  });

  it("404 for an account Trailwarden does not know", async () => {
    const res = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: "999999999999", mode: "plan" }),
      ctx(),
    );
    expect(res.status).toBe(404);
  });

  it("plans (201), applies the confirmed plan (202), refuses a second job (409), shows and cancels it", async () => {
    const account = idOf("sandbox-bob");
    const planned = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: account, mode: "plan" }),
      ctx(),
    );
    expect(planned.status).toBe(201);
    const { job } = (await planned.json()) as {
      job: { id: string; status: string; plan: { status: string }; steps: { operation: string; params: unknown }[] };
    };
    expect(job).toMatchObject({ status: "planned", plan: { status: "ready" } });
    expect(job.steps.map((s) => s.operation)).toEqual(["CreateKey", "CreateAlias", "EnableKeyRotation", "UpdateTrail"]);

    const applied = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: account, mode: "apply", planId: job.id }),
      ctx(),
    );
    expect(applied.status).toBe(202);
    expect(await applied.json()).toMatchObject({
      jobId: job.id,
      status: "queued",
      progressUrl: `/api/v1/remediations/${job.id}`,
    });

    const second = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: account, mode: "apply" }),
      ctx(),
    );
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: "remediation_active" });

    const again = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: account, mode: "apply", planId: job.id }),
      ctx(),
    );
    expect(again.status).toBe(409);

    const got = await getJobRoute(request("GET", `/api/v1/remediations/${job.id}`, tokens.viewer), ctx({ id: job.id }));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({
      id: job.id,
      accountId: account,
      status: "queued",
      active: true,
      progress: { total: 4 },
    });

    expect(
      (
        await cancelRoute(
          request("POST", `/api/v1/remediations/${job.id}/cancel`, tokens.viewer, {}),
          ctx({ id: job.id }),
        )
      ).status,
    ).toBe(403);
    const cancelled = await cancelRoute(
      request("POST", `/api/v1/remediations/${job.id}/cancel`, tokens.engineer, {}),
      ctx({ id: job.id }),
    );
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", job: { status: "cancelled" } });
    expect(
      (
        await cancelRoute(
          request("POST", `/api/v1/remediations/${job.id}/cancel`, tokens.engineer, {}),
          ctx({ id: job.id }),
        )
      ).status,
    ).toBe(409);

    const list = await listRoute(request("GET", `/api/v1/remediations?accountId=${account}`, tokens.viewer), ctx());
    expect(((await list.json()) as { jobs: { id: string; status: string }[] }).jobs[0]).toMatchObject({
      id: job.id,
      status: "cancelled",
    });
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "remediation." }, target: account } });
    expect(audit.map((a) => a.action).sort()).toEqual(["remediation.apply", "remediation.cancel", "remediation.plan"]);
    expect(audit.every((a) => a.actorType === "token")).toBe(true);
  });

  it("answers 200 succeeded when there is nothing to do, and 404 for an unknown job", async () => {
    const res = await remediationsRoute(
      request("POST", "/api/v1/remediations", tokens.engineer, { accountId: idOf("payments-prod"), mode: "apply" }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "succeeded",
      job: { verification: { outcome: "nothing to do" } },
    });
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (await getJobRoute(request("GET", `/api/v1/remediations/${missing}`, tokens.viewer), ctx({ id: missing })))
        .status,
    ).toBe(404);
  });
});
