// One endpoint of the HTTP API as data: its method and path, who may call it, and the zod schemas of
// its path parameters, query, body and JSON responses. The route handler parses its input with
// these schemas (so what it accepts is what they say), and lib/api/openapi.ts turns the same
// schemas into the OpenAPI document with zod's JSON Schema output (so the document cannot drift).
// To add a route: declare it with defineEndpoint in lib/api/endpoints/<area>.ts, list it in
// lib/api/endpoints/index.ts, parse with its schemas in the route file, and add its answers to
// tests/integration/api-shapes.test.ts. The whole recipe: docs/api.md.
import type { z } from "zod";
import type { Role } from "@/lib/roles";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Status codes answered by the error body (lib/http/error-response.ts). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;

export interface EndpointResponse {
  description: string;
  /** The JSON body, validated in tests against what the handler answers. */
  schema?: z.ZodType;
  /** Other representations (CSV, PDF) as media type → JSON Schema of the raw body. */
  other?: Record<string, object>;
}

export interface Endpoint {
  method: HttpMethod;
  /** OpenAPI path, e.g. "/api/v1/remediations/{id}". */
  path: string;
  summary: string;
  description?: string;
  /** The least role that may call it, or "public" (no credentials). */
  role: Role | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Query parameters that may repeat (sent as arrays). */
  repeatedQuery?: readonly string[];
  body?: z.ZodType;
  bodyRequired?: boolean;
  responses: Record<number, EndpointResponse>;
  errors?: readonly ErrorStatus[];
}

export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}
