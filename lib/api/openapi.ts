// The OpenAPI 3.1 document served (publicly) at /api/v1/openapi.json, generated from the endpoint
// contracts in lib/api/endpoints/: the zod schemas each route handler parses its input with, and
// the schemas of its JSON answers, turned into JSON Schema by zod (z.toJSONSchema). Nothing here is
// written by hand per route, so a route's validation and its documentation cannot drift.
// tests/unit/api/openapi.test.ts checks that every route file is listed; the integration test
// tests/integration/api-shapes.test.ts checks real answers against the documented schemas.
// Adding a route: docs/api.md.
import { z } from "zod";
import type { Endpoint, ErrorStatus } from "@/lib/api/define-endpoint";
import { errorBodySchema } from "@/lib/api/endpoints/common";
import { ENDPOINTS } from "@/lib/api/endpoints/index";

type JsonSchema = Record<string, unknown>;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: "Invalid input: `message` and `issues` name what is wrong",
  401: "No valid session or API token",
  403: "Role too low, or a cross-site request made with a session cookie",
  404: "Not found",
  409: "Conflicts with the current state (see `error` and `message`)",
  422: "Refused by a safety rule (see `message`)",
  429: "Too many requests",
  503: "Unavailable",
};

const SCHEMA_REF = "#/components/schemas/";

/** JSON Schema of a zod schema; named sub-schemas (`.meta({ id })`) are hoisted into `components`. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = generated as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const relink = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(relink);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", SCHEMA_REF) : relink(v),
      ]),
    );
  };
  for (const [id, def] of Object.entries($defs ?? {})) {
    // zod names a repeated or recursive sub-schema "__schemaN" per call: such names would collide
    // across operations, so every shared sub-schema needs its own `.meta({ id })`.
    if (id.startsWith("__schema"))
      throw new Error(`Give the repeated sub-schema a .meta({ id }): ${JSON.stringify(def)}`);
    components[id] = relink(def) as JsonSchema;
  }
  return relink(rest) as JsonSchema;
}

function parameters(endpoint: Endpoint, components: Record<string, JsonSchema>): object[] {
  const list: object[] = [];
  for (const [where, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input", components) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property as JsonSchema & { description?: string };
      const repeated = endpoint.repeatedQuery?.includes(name);
      list.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        schema: rest,
        ...(description ? { description } : {}),
        ...(repeated ? { style: "form", explode: true } : {}),
      });
    }
  }
  return list;
}

function operation(endpoint: Endpoint, components: Record<string, JsonSchema>): object {
  const responses: Record<string, object> = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    const content: Record<string, object> = {};
    if (response.schema) content["application/json"] = { schema: toSchema(response.schema, "output", components) };
    for (const [type, schema] of Object.entries(response.other ?? {})) content[type] = { schema };
    responses[status] = { description: response.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  for (const status of endpoint.errors ?? [])
    responses[String(status)] = {
      description: ERROR_TEXT[status],
      content: { "application/json": { schema: { $ref: `${SCHEMA_REF}Error` } } },
    };
  const params = parameters(endpoint, components);
  return {
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    ...(endpoint.role === "public" ? { security: [] } : { "x-required-role": endpoint.role }),
    ...(params.length ? { parameters: params } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: endpoint.bodyRequired ?? true,
            content: { "application/json": { schema: toSchema(endpoint.body, "input", components) } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(endpoints: readonly Endpoint[] = ENDPOINTS): object {
  const components: Record<string, JsonSchema> = {};
  toSchema(errorBodySchema, "output", components);
  const paths: Record<string, Record<string, object>> = {};
  for (const endpoint of endpoints) (paths[endpoint.path] ??= {})[endpoint.method] = operation(endpoint, components);
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
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from `trailwarden token create`" },
        session: { type: "apiKey", in: "cookie", name: "session", description: "The web session cookie (browser use)" },
      },
    },
  };
}
