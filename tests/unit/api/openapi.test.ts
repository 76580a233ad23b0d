// Every route handler under app/api/v1 must be described in the OpenAPI document, method by method;
// the document is generated from the endpoint contracts (lib/api/endpoints/) and must be valid.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints/index";
import { openApiDocument } from "@/lib/api/openapi";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

function toOpenApiPath(file: string): string {
  const rel = path.relative(path.resolve("app"), path.dirname(file));
  return (
    "/" +
    rel
      .split(path.sep)
      .map((seg) => seg.replace(/^\[(\w+)\]$/, "{$1}"))
      .join("/")
  );
}

describe("OpenAPI document", () => {
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };

  it("describes every method of every /api/v1 route", () => {
    const missing: string[] = [];
    for (const file of routeFiles(path.resolve("app/api/v1"))) {
      const source = readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!.toLowerCase());
      const p = toOpenApiPath(file);
      for (const method of methods) if (!doc.paths[p]?.[method]) missing.push(`${method.toUpperCase()} ${p}`);
    }
    expect(missing).toEqual([]);
  });

  it("describes nothing that does not exist", () => {
    const existing = new Set(routeFiles(path.resolve("app/api")).map(toOpenApiPath));
    const stale = Object.keys(doc.paths).filter((p) => !existing.has(p));
    expect(stale).toEqual([]);
  });

  it("lets route files validate only with the contracts' schemas (no zod schema of their own)", () => {
    const local = routeFiles(path.resolve("app/api/v1"))
      .filter((file) => /\bz\.(object|string|enum|array|coerce)\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(process.cwd(), file));
    expect(local).toEqual([]);
  });

  it("is generated from the contracts: parameters, bodies and answers are their zod schemas", () => {
    const get = (
      doc as { paths: Record<string, Record<string, { parameters?: { name: string; required: boolean }[] }>> }
    ).paths;
    expect(get["/api/v1/collections/{id}"]!.get!.parameters).toEqual([
      expect.objectContaining({
        name: "id",
        in: "path",
        required: true,
        schema: expect.objectContaining({ format: "uuid" }),
      }),
    ]);
    const endpoint = defineEndpoint({
      method: "post",
      path: "/x/{id}",
      summary: "x",
      role: "engineer",
      params: z.object({ id: z.string() }),
      query: z.object({ limit: z.coerce.number().int().min(1).default(5), tag: z.array(z.string()).optional() }),
      repeatedQuery: ["tag"],
      body: z.object({ name: z.string().min(1) }).strict(),
      responses: { 201: { description: "made", schema: z.object({ id: z.string(), at: z.string().nullable() }) } },
      errors: [400],
    });
    const op = (openApiDocument([endpoint]) as { paths: Record<string, Record<string, unknown>> }).paths["/x/{id}"]!
      .post;
    expect(op).toEqual({
      summary: "x",
      "x-required-role": "engineer",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        {
          name: "limit",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER, default: 5 },
        },
        {
          name: "tag",
          in: "query",
          required: false,
          schema: { type: "array", items: { type: "string" } },
          style: "form",
          explode: true,
        },
      ],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: { name: { type: "string", minLength: 1 } },
              required: ["name"],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        "201": {
          description: "made",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { id: { type: "string" }, at: { type: ["string", "null"] } },
                required: ["id", "at"],
                additionalProperties: false,
              },
            },
          },
        },
        "400": expect.objectContaining({
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        }),
      },
    });
  });

  it("is valid JSON Schema throughout, every $ref resolves, and answers are checked against it", () => {
    type Operation = { responses: Record<string, { content: Record<string, { schema: object }> }> };
    const full = doc as {
      components: { schemas: Record<string, object> };
      paths: Record<string, Record<string, Operation>>;
    };
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [id, schema] of Object.entries(full.components.schemas))
      ajv.addSchema(schema, `#/components/schemas/${id}`);
    const refs = JSON.stringify(full).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) expect(full.components.schemas).toHaveProperty(ref.slice(29, -1));
    const documented = full.paths["/api/v1/collections/latest"]!.get!.responses["200"]!.content["application/json"]!;
    const validate = ajv.compile(documented.schema);
    const progress = {
      runId: "r",
      trigger: "manual",
      requestedBy: null,
      status: "ok",
      active: false,
      accountsTotal: 1,
      accountsDone: 1,
      accountsFailed: 0,
      apiCalls: 3,
      error: null,
      createdAt: "2026-01-01T00:00:00.000Z",
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      problems: [],
      running: [],
    };
    expect(validate(progress), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...progress, extra: 1 })).toBe(false);
    expect(validate({ ...progress, accountsDone: "1" })).toBe(false);
    expect(ENDPOINTS.length).toBe(Object.values(full.paths).flatMap((p) => Object.keys(p)).length);
  });
});
