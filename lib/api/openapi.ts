// The OpenAPI 3.1 document served (publicly) at /api/v1/openapi.json. tests/unit/api/openapi.test.ts
// checks that every route handler under app/api/v1 is described here, so it cannot drift silently.
import { authOpenApiPaths, authOpenApiSchemas } from "@/lib/auth/openapi-auth-paths";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorCodes: Record<number, string> = {
  400: "Invalid input: `message` and `issues` name what is wrong",
  401: "No valid session or API token",
  403: "Role too low, or a cross-site request made with a session cookie",
  404: "Not found",
  409: "Conflicts with the current state (see `error` and `message`)",
  422: "Refused by a safety rule (see `message`)",
};
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: errorCodes[c], content: json(ref("Error")) }]));
const accountIdParam = {
  name: "accountId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^\\d{12}$" },
};
const uuidParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const role = (r: string) => ({ "x-required-role": r });

const paths: Record<string, object> = {
  "/api/health": {
    get: {
      summary: "Liveness and database reachability (public)",
      security: [],
      responses: { "200": { description: "ok" }, "503": { description: "database unreachable" } },
    },
  },
  "/api/v1/openapi.json": {
    get: { summary: "This document (public)", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
  },
  "/api/v1/posture": {
    get: {
      summary: "The current control matrix (same shape as `trailwarden posture --format json`)",
      ...role("viewer"),
      parameters: [
        { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"] } },
        {
          name: "account",
          in: "query",
          schema: { type: "array", items: { type: "string" } },
          style: "form",
          explode: true,
        },
      ],
      responses: {
        "200": {
          description: "posture",
          content: { ...json(ref("Posture")), "text/csv": { schema: { type: "string" } } },
        },
        ...errors(400, 401, 403),
      },
    },
  },
  "/api/v1/matrix": {
    get: {
      summary: "The compact matrix the /matrix page renders (status codes P F W N X E; lower case = stale ERROR)",
      ...role("viewer"),
      responses: { "200": { description: "matrix", content: json({ type: "object" }) }, ...errors(401, 403) },
    },
  },
  "/api/v1/matrix/reasons": {
    get: {
      summary: "Reasons behind the current verdicts of up to 200 accounts",
      ...role("viewer"),
      parameters: [
        {
          name: "accounts",
          in: "query",
          required: true,
          schema: { type: "string" },
          description: "comma-separated account ids",
        },
      ],
      responses: { "200": { description: "reasons", content: json({ type: "object" }) }, ...errors(400, 401, 403) },
    },
  },
  "/api/v1/matrix/verdicts/{accountId}/{controlId}": {
    get: {
      summary: "One current verdict with evidence, Security Hub's finding and the reconciliation",
      ...role("viewer"),
      parameters: [
        accountIdParam,
        { name: "controlId", in: "path", required: true, schema: { type: "string", example: "CloudTrail.1" } },
      ],
      responses: {
        "200": { description: "verdict", content: json({ type: "object" }) },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/api/v1/collections": {
    get: {
      summary: "Recent collection runs, newest first",
      ...role("viewer"),
      parameters: [{ name: "limit", in: "query", schema: { type: "integer", minimum: 1 } }],
      responses: { "200": { description: "runs", content: json({ type: "object" }) }, ...errors(400, 401, 403) },
    },
    post: {
      summary: "Start a collection now (coalesced with an equivalent queued run)",
      ...role("engineer"),
      requestBody: {
        required: false,
        content: json({
          type: "object",
          properties: { accountIds: { type: "array", items: { type: "string", pattern: "^\\d{12}$" } } },
        }),
      },
      responses: {
        "202": { description: "{ runId, coalesced, progressUrl }", content: json({ type: "object" }) },
        ...errors(400, 401, 403),
      },
    },
  },
  "/api/v1/collections/latest": {
    get: {
      summary: "Progress of the most recent run",
      ...role("viewer"),
      responses: {
        "200": { description: "progress", content: json(ref("CollectionProgress")) },
        ...errors(401, 403, 404),
      },
    },
  },
  "/api/v1/collections/{id}": {
    get: {
      summary: "Progress of one run",
      ...role("viewer"),
      parameters: [uuidParam],
      responses: {
        "200": { description: "progress", content: json(ref("CollectionProgress")) },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/api/v1/remediations": {
    get: {
      summary: "Remediation jobs, newest first",
      ...role("viewer"),
      parameters: [
        { name: "accountId", in: "query", schema: { type: "string", pattern: "^\\d{12}$" } },
        { name: "plans", in: "query", schema: { type: "string", enum: ["1"] }, description: "include plan-only jobs" },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
      ],
      responses: { "200": { description: "jobs", content: json({ type: "object" }) }, ...errors(400, 401, 403) },
    },
    post: {
      summary: "Plan, or apply, the whole-family fix for one account, or the organization fix",
      description:
        '`{accountId, mode: "plan"}` stores and returns the plan (201). `{accountId, mode: "apply", planId}` applies exactly that confirmed plan (202; 409 plan_stale if the account changed). `{accountId, mode: "apply"}` plans and applies at once. `{scope: "organization", mode, planId?}` does the same for the organization fix: one organization trail (adopted and fixed, or created in the management account or CloudTrail\'s delegated administrator) and the guardrail SCP trailwarden-protect-cloudtrail; 422 plan_blocked when a guardrail target already holds five SCPs.',
      ...role("engineer"),
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["mode"],
          properties: {
            accountId: {
              type: "string",
              pattern: "^\\d{12}$",
              description: 'the account of a family fix; required unless scope is "organization"',
            },
            scope: { type: "string", enum: ["account", "organization"], default: "account" },
            mode: { type: "string", enum: ["plan", "apply"] },
            planId: { type: "string", format: "uuid" },
            alarmEmail: {
              type: "string",
              format: "email",
              description: "who the CIS alarms notify (a topic is created and subscribed); not with planId",
            },
            alarmTopicArn: {
              type: "string",
              pattern: "^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:[A-Za-z0-9_-]{1,256}$",
              description: "an existing SNS topic for the CIS alarms; not with planId",
            },
          },
        }),
      },
      responses: {
        "200": { description: "nothing to do", content: json({ type: "object" }) },
        "201": { description: "plan stored", content: json({ type: "object" }) },
        "202": { description: "apply queued", content: json({ type: "object" }) },
        ...errors(400, 401, 403, 404, 409, 422),
      },
    },
  },
  "/api/v1/remediations/{id}": {
    get: {
      summary: "A remediation job: plan, steps with outcomes, verification",
      ...role("viewer"),
      parameters: [uuidParam],
      responses: { "200": { description: "job", content: json({ type: "object" }) }, ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/remediations/{id}/cancel": {
    post: {
      summary: "Stop a job before its next step",
      ...role("engineer"),
      parameters: [uuidParam],
      responses: {
        "200": { description: "cancelled", content: json({ type: "object" }) },
        ...errors(400, 401, 403, 404, 409),
      },
    },
  },
  "/api/v1/remediations/{id}/retry": {
    post: {
      summary: "Continue a failed job from the step that failed, or verify a needs-attention job again",
      ...role("engineer"),
      parameters: [uuidParam],
      responses: {
        "202": { description: "queued", content: json({ type: "object" }) },
        ...errors(400, 401, 403, 404, 409),
      },
    },
  },
  "/api/v1/reports/coverage": {
    get: {
      summary: "Logging-coverage report for a period (default: the last twelve months)",
      ...role("auditor"),
      parameters: [
        { name: "from", in: "query", schema: { type: "string", format: "date" } },
        { name: "to", in: "query", schema: { type: "string", format: "date" } },
        { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv", "pdf"] } },
        {
          name: "part",
          in: "query",
          schema: { type: "string", enum: ["main", "gaps", "integrity", "manifest"] },
          description: "gaps: the gaps CSV; manifest: SHA-256 sums of the files of this format",
        },
        {
          name: "account",
          in: "query",
          schema: { type: "array", items: { type: "string" } },
          style: "form",
          explode: true,
        },
      ],
      responses: {
        "200": {
          description: "the report",
          content: {
            ...json(ref("CoverageReport")),
            "text/csv": { schema: { type: "string" } },
            "application/pdf": { schema: { type: "string", format: "binary" } },
          },
        },
        ...errors(400, 401, 403),
      },
    },
  },
  ...authOpenApiPaths,
};

const schemas: Record<string, object> = {
  ...authOpenApiSchemas,
  Error: {
    type: "object",
    required: ["error", "message"],
    properties: {
      error: { type: "string" },
      message: { type: "string" },
      issues: { type: "array", items: { type: "object" } },
    },
  },
  Posture: {
    type: "object",
    properties: {
      generatedAt: { type: "string", format: "date-time" },
      accounts: {
        type: "array",
        items: {
          type: "object",
          properties: {
            accountId: { type: "string" },
            name: { type: "string" },
            collectedAt: { type: ["string", "null"], format: "date-time" },
            collection: {
              type: ["object", "null"],
              properties: {
                status: { type: "string", enum: ["ok", "partial", "error"] },
                error: { type: ["string", "null"] },
              },
            },
            controls: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  controlId: { type: "string" },
                  status: {
                    type: "string",
                    enum: ["PASSED", "FAILED", "WARNING", "NO_DATA", "NOT_APPLICABLE", "ERROR"],
                  },
                  reason: { type: "string" },
                  evidence: { type: "array", items: { type: "string" } },
                  securityHub: {
                    type: ["object", "null"],
                    properties: { status: { type: ["string", "null"] }, updatedAt: { type: ["string", "null"] } },
                  },
                  reconciliation: {
                    type: ["string", "null"],
                    enum: ["agrees", "awaiting", "disagrees", "not_reported", null],
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  CollectionProgress: {
    type: "object",
    properties: {
      runId: { type: "string", format: "uuid" },
      status: { type: "string", enum: ["queued", "running", "ok", "partial", "error"] },
      active: { type: "boolean" },
      accountsTotal: { type: "integer" },
      accountsDone: { type: "integer" },
      accountsFailed: { type: "integer" },
    },
  },
  CoverageReport: {
    type: "object",
    properties: {
      period: { type: "object", properties: { from: { type: "string" }, to: { type: "string" } } },
      accounts: {
        type: "array",
        items: {
          type: "object",
          properties: {
            accountId: { type: "string" },
            name: { type: "string" },
            recordedPct: { type: "number" },
            regions: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  region: { type: "string" },
                  recordedPct: { type: "number" },
                  partialPct: { type: "number" },
                  notRecordedPct: { type: "number" },
                  unknownPct: { type: "number" },
                  gaps: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: { start: { type: "string" }, end: { type: "string" }, cause: { type: "string" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export function openApiDocument(): object {
  return {
    openapi: "3.1.0",
    info: {
      title: "Trailwarden API",
      version: "1",
      description:
        "CloudTrail posture across an AWS Organization. Send `Authorization: Bearer <token>` (npx trailwarden token create).",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from `trailwarden token create`" },
        session: { type: "apiKey", in: "cookie", name: "session", description: "The web session cookie (browser use)" },
      },
    },
  };
}
