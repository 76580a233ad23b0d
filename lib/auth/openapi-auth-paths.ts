// OpenAPI 3.1 description of the endpoints this module owns (/api/v1/tokens, /api/v1/audit), for
// the document served at /api/v1/openapi.json to merge: `paths` and `components.schemas`.
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input (message and issues say what)",
  401: "No valid session or API token",
  403: "Role too low, or a cross-site request with a session cookie",
  404: "Not found",
};
const AUDIT_FILTER_TEXT: Record<string, string> = {
  action: 'Exact action, or a prefix ending in "." (e.g. "auth.")',
  actor: "Part of the actor's name or id (case-insensitive)",
  outcome: "success | failure | denied",
  from: "First day, YYYY-MM-DD (UTC), inclusive",
  to: "Last day, YYYY-MM-DD (UTC), inclusive",
  page: "1-based page (JSON only)",
  pageSize: "Events per page, at most 1000 (JSON only; default 50)",
};
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      { description: ERROR_TEXT[code] ?? "Error", content: { "application/json": { schema: errorRef } } },
    ]),
  );
const ROLE = { type: "string", enum: ["viewer", "auditor", "engineer", "admin"] };
const auditFilters = ["action", "actor", "outcome", "from", "to", "page", "pageSize"].map((name) => ({
  name,
  in: "query",
  required: false,
  schema: name === "page" || name === "pageSize" ? { type: "integer", minimum: 1 } : { type: "string" },
  description: AUDIT_FILTER_TEXT[name],
}));

export const authOpenApiSchemas = {
  Error: {
    type: "object",
    required: ["error", "message"],
    properties: {
      error: { type: "string", examples: ["invalid_input", "unauthenticated", "forbidden"] },
      message: { type: "string" },
      issues: {
        type: "array",
        items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
      },
    },
  },
  ApiToken: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string" },
      role: ROLE,
      prefix: { type: "string", description: "First characters of the token, to recognise it" },
      createdAt: { type: "string", format: "date-time" },
      createdBy: { type: ["string", "null"] },
      lastUsedAt: { type: ["string", "null"], format: "date-time" },
      expiresAt: { type: ["string", "null"], format: "date-time" },
      revokedAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  AuditEvent: {
    type: "object",
    properties: {
      id: { type: "string" },
      at: { type: "string", format: "date-time" },
      actorType: { type: "string", enum: ["user", "token", "system", "anonymous"] },
      actorId: { type: ["string", "null"] },
      actorName: { type: ["string", "null"] },
      action: { type: "string" },
      target: { type: ["string", "null"] },
      outcome: { type: "string", enum: ["success", "failure", "denied"] },
      details: { type: "object" },
      ip: { type: ["string", "null"] },
      userAgent: { type: ["string", "null"] },
    },
  },
};

export const authOpenApiPaths = {
  "/api/v1/tokens": {
    get: {
      summary: "List API tokens (admin); never returns a secret",
      responses: {
        "200": {
          description: "Tokens",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { tokens: { type: "array", items: { $ref: "#/components/schemas/ApiToken" } } },
              },
            },
          },
        },
        ...errors(401, 403),
      },
    },
    post: {
      summary: "Create an API token (admin); the token is in this response only",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["name", "role"],
              properties: {
                name: { type: "string", minLength: 1, maxLength: 100 },
                role: ROLE,
                expiresInDays: { type: "integer", minimum: 1, maximum: 3650 },
              },
            },
          },
        },
      },
      responses: {
        "201": {
          description: "Created",
          content: {
            "application/json": {
              schema: {
                allOf: [
                  { $ref: "#/components/schemas/ApiToken" },
                  { type: "object", properties: { token: { type: "string", pattern: "^tw_[0-9A-Za-z]{40}$" } } },
                ],
              },
            },
          },
        },
        ...errors(400, 401, 403),
      },
    },
  },
  "/api/v1/tokens/{id}": {
    delete: {
      summary: "Revoke an API token (admin); idempotent",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: {
        "200": {
          description: "Revoked",
          content: { "application/json": { schema: { $ref: "#/components/schemas/ApiToken" } } },
        },
        ...errors(401, 403, 404),
      },
    },
  },
  "/api/v1/audit": {
    get: {
      summary: "The audit log (auditor+), newest first; format=csv exports every matching event",
      parameters: [
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "csv"] } },
        ...auditFilters,
      ],
      responses: {
        "200": {
          description: "A page of events (JSON) or all matching events (CSV)",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  events: { type: "array", items: { $ref: "#/components/schemas/AuditEvent" } },
                  total: { type: "integer" },
                  page: { type: "integer" },
                  pages: { type: "integer" },
                },
              },
            },
            "text/csv": { schema: { type: "string" } },
          },
        },
        ...errors(400, 401, 403),
      },
    },
  },
};
