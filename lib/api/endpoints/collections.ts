// Collection runs: start one ("Collect now" for automation) and follow its progress.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { accountIdSchema, isoTime, sameShape, type Json } from "@/lib/api/endpoints/common";
import type { CollectionProgressView, CollectionRunSummary } from "@/lib/read-models/collection-progress";

const runStatus = z.string().describe("queued | running | ok | partial | error");

export const collectionProgressSchema = sameShape<Json<CollectionProgressView>>()(
  z
    .object({
      runId: z.string(),
      trigger: z.string(),
      requestedBy: z.string().nullable(),
      status: runStatus,
      active: z.boolean().describe("queued or running: keep polling"),
      accountsTotal: z.number(),
      accountsDone: z.number(),
      accountsFailed: z.number(),
      apiCalls: z.number(),
      error: z.string().nullable(),
      createdAt: isoTime,
      startedAt: isoTime.nullable(),
      finishedAt: isoTime.nullable(),
      durationMs: z.number().nullable(),
      problems: z.array(
        z.object({ accountId: z.string(), name: z.string(), status: z.string(), error: z.string().nullable() }),
      ),
      running: z.array(z.string()),
    })
    .meta({ id: "CollectionProgress" }),
);

const runSummarySchema = sameShape<Json<CollectionRunSummary>>()(
  z.object({
    runId: z.string(),
    trigger: z.string(),
    requestedBy: z.string().nullable(),
    status: runStatus,
    accountsTotal: z.number(),
    accountsDone: z.number(),
    accountsFailed: z.number(),
    error: z.string().nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
    durationMs: z.number().nullable(),
  }),
);

export const startCollection = defineEndpoint({
  method: "post",
  path: "/api/v1/collections",
  summary: "Start a collection now (coalesced with an equivalent queued run)",
  role: "engineer",
  body: z.object({ accountIds: z.array(accountIdSchema).max(10_000).optional() }).strict(),
  bodyRequired: false,
  responses: {
    202: {
      description: "queued (or the equivalent queued run)",
      schema: z.object({ runId: z.string(), coalesced: z.boolean(), progressUrl: z.string() }),
    },
  },
  errors: [400, 401, 403],
});

export const listCollections = defineEndpoint({
  method: "get",
  path: "/api/v1/collections",
  summary: "Recent collection runs, newest first",
  role: "viewer",
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  responses: { 200: { description: "runs", schema: z.object({ runs: z.array(runSummarySchema) }) } },
  errors: [400, 401, 403],
});

export const getLatestCollection = defineEndpoint({
  method: "get",
  path: "/api/v1/collections/latest",
  summary: "Progress of the most recent run",
  role: "viewer",
  responses: { 200: { description: "progress", schema: collectionProgressSchema } },
  errors: [401, 403, 404],
});

export const getCollection = defineEndpoint({
  method: "get",
  path: "/api/v1/collections/{id}",
  summary: "Progress of one run",
  role: "viewer",
  params: z.object({ id: z.uuid("a collection run id is a UUID") }),
  responses: { 200: { description: "progress", schema: collectionProgressSchema } },
  errors: [400, 401, 403, 404],
});
