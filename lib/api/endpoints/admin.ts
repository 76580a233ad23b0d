// Administration: API tokens (admin) and the audit log (auditor).
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { isoTime, sameShape, type Json } from "@/lib/api/endpoints/common";
import type { AuditEventView } from "@/lib/audit/query-audit-events";
import { AUDIT_OUTCOMES, auditFiltersSchema } from "@/lib/audit/audit-filters";
import { createTokenInput, type ApiTokenSummary } from "@/lib/auth/api-tokens";

const tokenSummarySchema = sameShape<Json<ApiTokenSummary>>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      prefix: z.string().describe("the token's first characters, to recognise it"),
      createdAt: isoTime,
      createdBy: z.string().nullable(),
      lastUsedAt: isoTime.nullable(),
      expiresAt: isoTime.nullable(),
      revokedAt: isoTime.nullable(),
    })
    .meta({ id: "ApiToken" }),
);

export const listTokens = defineEndpoint({
  method: "get",
  path: "/api/v1/tokens",
  summary: "API tokens (never their secret or hash)",
  role: "admin",
  responses: { 200: { description: "tokens", schema: z.object({ tokens: z.array(tokenSummarySchema) }) } },
  errors: [401, 403],
});

export const createToken = defineEndpoint({
  method: "post",
  path: "/api/v1/tokens",
  summary: "Create an API token; the token is in this answer only",
  role: "admin",
  body: createTokenInput,
  bodyRequired: true,
  responses: {
    201: {
      description: "created",
      schema: tokenSummarySchema.extend({ token: z.string().describe("send as Authorization: Bearer <token>") }),
    },
  },
  errors: [400, 401, 403],
});

export const revokeToken = defineEndpoint({
  method: "delete",
  path: "/api/v1/tokens/{id}",
  summary: "Revoke an API token (idempotent)",
  role: "admin",
  params: z.object({ id: z.string() }),
  responses: { 200: { description: "revoked", schema: tokenSummarySchema } },
  errors: [401, 403, 404],
});

const auditEventSchema = sameShape<AuditEventView>()(
  z.object({
    id: z.string(),
    at: isoTime,
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    outcome: z.string().describe(AUDIT_OUTCOMES.join(" | ")),
    details: z.unknown(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
);

export const getAudit = defineEndpoint({
  method: "get",
  path: "/api/v1/audit",
  summary: "The audit log, newest first; format=csv exports every matching event (itself audited)",
  role: "auditor",
  query: auditFiltersSchema.extend({ format: z.enum(["json", "csv"]).optional() }),
  responses: {
    200: {
      description: "one page of events",
      schema: z.object({ events: z.array(auditEventSchema), total: z.number(), page: z.number(), pages: z.number() }),
      other: { "text/csv": { type: "string" } },
    },
  },
  errors: [400, 401, 403],
});
