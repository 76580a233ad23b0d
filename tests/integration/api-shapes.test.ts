// Real answers of the API, through the route handlers and the guard against PostgreSQL and the
// simulated organization, validated against the schemas of the OpenAPI document the server serves
// (generated from the endpoint contracts): a field renamed, dropped, added or retyped in a read
// model without its contract fails here, not in a client.
import Ajv2020 from "ajv/dist/2020";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as alertsRoute } from "@/app/api/v1/alerts/route";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { GET as collectionRoute } from "@/app/api/v1/collections/[id]/route";
import { GET as latestCollectionRoute } from "@/app/api/v1/collections/latest/route";
import { GET as collectionsRoute } from "@/app/api/v1/collections/route";
import { GET as reasonsRoute } from "@/app/api/v1/matrix/reasons/route";
import { GET as matrixRoute } from "@/app/api/v1/matrix/route";
import { GET as verdictRoute } from "@/app/api/v1/matrix/verdicts/[accountId]/[controlId]/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as postureRoute } from "@/app/api/v1/posture/route";
import { GET as jobRoute } from "@/app/api/v1/remediations/[id]/route";
import { GET as jobsRoute, POST as remediationsRoute } from "@/app/api/v1/remediations/route";
import { GET as coverageRoute } from "@/app/api/v1/reports/coverage/route";
import { GET as tokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { runCollection } from "@/lib/collect/run-collection";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let admin = "";
let doc: Doc;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

/** Calls a handler and checks its JSON answer against the document's schema for that path and status. */
async function answer(
  handler: Handler,
  method: string,
  docPath: string,
  url: string,
  opts: { params?: Record<string, string>; body?: unknown; status: number },
): Promise<unknown> {
  const res = await handler(
    new NextRequest(`http://127.0.0.1:3000${url}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  const json = await res.json();
  expect(res.status, JSON.stringify(json).slice(0, 500)).toBe(opts.status);
  const schema =
    doc.paths[docPath]?.[method.toLowerCase()]?.responses[String(opts.status)]?.content?.["application/json"]?.schema;
  expect(schema, `${method} ${docPath} ${opts.status} is documented`).toBeDefined();
  const validate = ajv.compile(schema!);
  expect(validate(json), `${method} ${url}: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
  return json;
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!, { organizationTrail: true });
  await runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });
  admin = (await createApiToken({ name: "shapes", role: "admin" }, cliPrincipal("shapes"))).token;
  doc = (await (await openApiRoute()).json()) as Doc;
  for (const [id, schema] of Object.entries(doc.components.schemas))
    ajv.addSchema(schema, `#/components/schemas/${id}`);
});

afterAll(async () => fresh?.drop());

describe("API answers match the OpenAPI document", () => {
  it("posture, matrix, reasons and one verdict", async () => {
    const accountId = manifest.accounts[0]!.accountId;
    const posture = (await answer(postureRoute, "GET", "/api/v1/posture", "/api/v1/posture", { status: 200 })) as {
      accounts: unknown[];
    };
    expect(posture.accounts.length).toBe(manifest.accounts.length);
    await answer(matrixRoute, "GET", "/api/v1/matrix", "/api/v1/matrix", { status: 200 });
    await answer(reasonsRoute, "GET", "/api/v1/matrix/reasons", `/api/v1/matrix/reasons?accounts=${accountId}`, {
      status: 200,
    });
    await answer(
      verdictRoute,
      "GET",
      "/api/v1/matrix/verdicts/{accountId}/{controlId}",
      `/api/v1/matrix/verdicts/${accountId}/CloudTrail.1`,
      { params: { accountId, controlId: "CloudTrail.1" }, status: 200 },
    );
    await answer(
      verdictRoute,
      "GET",
      "/api/v1/matrix/verdicts/{accountId}/{controlId}",
      `/api/v1/matrix/verdicts/${accountId}/CloudTrail.99`,
      { params: { accountId, controlId: "CloudTrail.99" }, status: 404 },
    );
  });

  it("collections, the coverage report, tokens, the audit log and health", async () => {
    const runs = (await answer(collectionsRoute, "GET", "/api/v1/collections", "/api/v1/collections", {
      status: 200,
    })) as { runs: { runId: string }[] };
    const runId = runs.runs[0]!.runId;
    await answer(latestCollectionRoute, "GET", "/api/v1/collections/latest", "/api/v1/collections/latest", {
      status: 200,
    });
    await answer(collectionRoute, "GET", "/api/v1/collections/{id}", `/api/v1/collections/${runId}`, {
      params: { id: runId },
      status: 200,
    });
    await answer(collectionRoute, "GET", "/api/v1/collections/{id}", "/api/v1/collections/nope", {
      params: { id: "nope" },
      status: 400,
    });
    await answer(coverageRoute, "GET", "/api/v1/reports/coverage", "/api/v1/reports/coverage", { status: 200 });
    await answer(createTokenRoute, "POST", "/api/v1/tokens", "/api/v1/tokens", {
      body: { name: "made here", role: "viewer" },
      status: 201,
    });
    await answer(tokensRoute, "GET", "/api/v1/tokens", "/api/v1/tokens", { status: 200 });
    await answer(auditRoute, "GET", "/api/v1/audit", "/api/v1/audit?pageSize=5", { status: 200 });
    await answer(healthRoute as Handler, "GET", "/api/health", "/api/health", { status: 200 });
  });

  it("alerts: a firing one with its actor and deliveries, a resolved one, filters and a bad filter", async () => {
    const [a, b] = manifest.accounts;
    const trailArn = a!.trails[0]!.arn;
    const firing = await db.alert.create({
      data: {
        ruleId: "logging-stopped",
        accountId: a!.accountId,
        trailArn,
        firingKey: `logging-stopped:${a!.accountId}:${trailArn}`,
        summary: `Logging stopped on trail ${trailArn}`,
        actor: {
          arn: `arn:aws:sts::${a!.accountId}:assumed-role/Admin/mallory`,
          sourceIp: "203.0.113.7",
          eventTime: "2026-11-30T10:00:00.000Z",
          eventName: "StopLogging",
          requestParameters: { name: trailArn },
        },
      },
    });
    await db.alertDelivery.createMany({
      data: [
        {
          alertId: firing.id,
          destinationId: "env",
          destinationName: "Webhook (environment)",
          event: "firing",
          status: "delivered",
          attempts: 1,
          payload: {},
          deliveredAt: new Date(),
        },
        {
          alertId: firing.id,
          destinationId: "down",
          destinationName: "down",
          event: "firing",
          status: "failed",
          attempts: 3,
          error: "Could not reach 127.0.0.1:9: ECONNREFUSED",
          payload: {},
        },
      ],
    });
    await db.alert.create({
      data: {
        ruleId: "control-failed",
        accountId: b!.accountId,
        controlId: "CloudTrail.1",
        status: "resolved",
        summary: "CloudTrail.1 FAILED",
        resolvedSummary: "CloudTrail.1 PASSED again",
        resolvedAt: new Date(),
      },
    });
    type Listed = { alerts: { id: string; status: string; actor: { arn: string } | null; deliveries: unknown[] }[] };
    const all = (await answer(alertsRoute, "GET", "/api/v1/alerts", "/api/v1/alerts?status=all", {
      status: 200,
    })) as Listed;
    expect(all.alerts.map((x) => x.status)).toEqual(["firing", "resolved"]);
    expect(all.alerts[0]).toMatchObject({ id: firing.id, actor: { arn: expect.stringMatching(/mallory$/) } });
    expect(all.alerts[0]!.deliveries).toHaveLength(2);
    const mine = (await answer(
      alertsRoute,
      "GET",
      "/api/v1/alerts",
      `/api/v1/alerts?status=all&account=${b!.accountId}`,
      {
        status: 200,
      },
    )) as Listed;
    expect(mine.alerts.map((x) => x.status)).toEqual(["resolved"]);
    await answer(alertsRoute, "GET", "/api/v1/alerts", "/api/v1/alerts?status=nope", { status: 400 });
  });

  it("a remediation plan, the job and the list of jobs", async () => {
    const accountId = manifest.accounts.find((a) => a.name === "sandbox-bob")!.accountId;
    const planned = (await answer(remediationsRoute, "POST", "/api/v1/remediations", "/api/v1/remediations", {
      body: { accountId, mode: "plan" },
      status: 201,
    })) as { job: { id: string; steps: unknown[] } };
    expect(planned.job.steps.length).toBeGreaterThan(0);
    await answer(jobRoute, "GET", "/api/v1/remediations/{id}", `/api/v1/remediations/${planned.job.id}`, {
      params: { id: planned.job.id },
      status: 200,
    });
    await answer(jobsRoute, "GET", "/api/v1/remediations", "/api/v1/remediations?plans=1", { status: 200 });
    await answer(remediationsRoute, "POST", "/api/v1/remediations", "/api/v1/remediations", {
      body: { accountId: "123", mode: "plan" },
      status: 400,
    });
  });
});
