// Endpoints about the service itself (public): liveness and this document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";

export const getHealth = defineEndpoint({
  method: "get",
  path: "/api/health",
  summary: "Liveness and database reachability (public)",
  role: "public",
  responses: {
    200: { description: "ok", schema: z.object({ status: z.literal("ok") }) },
    503: { description: "database unreachable", schema: z.object({ status: z.literal("database_unreachable") }) },
  },
});

export const getOpenApi = defineEndpoint({
  method: "get",
  path: "/api/v1/openapi.json",
  summary: "This document (public)",
  role: "public",
  responses: {
    200: {
      description: "OpenAPI 3.1",
      schema: z.looseObject({ openapi: z.string(), paths: z.object({}).catchall(z.unknown()) }),
    },
  },
});
