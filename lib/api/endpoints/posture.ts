// The current control matrix: full (posture, the CLI's JSON), compact (the /matrix page), the
// reasons behind cells, and one verdict in detail.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { isoTime, sameShape, verdictStatusSchema } from "@/lib/api/endpoints/common";
import { MAX_REASON_ACCOUNTS, type MatrixReasons } from "@/lib/read-models/get-matrix-reasons";
import type { Posture } from "@/lib/read-models/get-posture";
import type { VerdictDetail } from "@/lib/read-models/get-verdict";
import type { MatrixData } from "@/lib/views/matrix-types";
import { collectionStatusSchema } from "@/lib/statuses";

const collectionStatus = collectionStatusSchema;
const severity = z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
const family = z.enum(["CloudTrail", "CloudWatch"]);
const stale = z.object({ status: z.string(), reason: z.string().nullable(), at: isoTime.nullable() });

export const postureSchema = sameShape<Posture>()(
  z
    .object({
      generatedAt: isoTime,
      accounts: z.array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          ouPath: z.string(),
          accountStatus: z.string(),
          collectedAt: isoTime.nullable(),
          collection: z.object({ status: collectionStatus, error: z.string().nullable() }).nullable(),
          controls: z.array(
            z.object({
              controlId: z.string(),
              status: verdictStatusSchema,
              reason: z.string(),
              evidence: z.array(z.string()),
              securityHub: z
                .object({
                  status: z.string().nullable(),
                  workflowStatus: z.string().nullable(),
                  updatedAt: z.string().nullable(),
                })
                .nullable(),
              reconciliation: z.string().nullable(),
              stale: stale.nullable().describe("for ERROR verdicts: the last good verdict"),
            }),
          ),
        }),
      ),
    })
    .meta({ id: "Posture" }),
);

export const matrixSchema = sameShape<MatrixData>()(
  z
    .object({
      generatedAt: isoTime,
      controls: z.array(z.object({ id: z.string(), family, short: z.string(), title: z.string(), severity })),
      ous: z.array(z.string()),
      rows: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          ou: z.number().describe("index into ous"),
          s: z.string().describe("one cell code per control: P F W N X E, lower case = stale ERROR, . = none"),
          c: collectionStatus.nullable(),
          st: z.string().optional().describe("the account's status when not ACTIVE"),
        }),
      ),
    })
    .meta({ id: "Matrix" }),
);

const reasonsSchema = sameShape<{ reasons: MatrixReasons }>()(
  z.object({
    reasons: z.record(z.string(), z.record(z.string(), z.object({ r: z.string(), sr: z.string().optional() }))),
  }),
);

export const verdictDetailSchema = sameShape<VerdictDetail>()(
  z
    .object({
      account: z.object({ id: z.string(), name: z.string(), ouPath: z.string() }),
      control: z.object({
        id: z.string(),
        family: z.string(),
        title: z.string(),
        severity,
        checks: z.string(),
        remediation: z.string(),
      }),
      status: verdictStatusSchema.nullable(),
      reason: z.string().nullable(),
      evidence: z.array(z.string()),
      stale: stale.extend({ status: verdictStatusSchema }).nullable(),
      collectedAt: isoTime.nullable(),
      evaluatedAt: isoTime.nullable(),
      evaluatorVersion: z.string().nullable(),
      latestCollection: z.object({ status: collectionStatus, error: z.string().nullable(), at: isoTime }).nullable(),
      securityHub: z
        .object({
          status: z.string().nullable(),
          workflowStatus: z.string().nullable(),
          updatedAt: z.string().nullable(),
          findingId: z.string().nullable(),
        })
        .nullable(),
      reconciliation: z.string().nullable(),
      reconciliationText: z.string(),
      findings: z.array(
        z.object({
          id: z.string(),
          region: z.string(),
          complianceStatus: z.string().nullable(),
          workflowStatus: z.string().nullable(),
          recordState: z.string(),
          updatedAt: isoTime,
          resourceIds: z.array(z.string()),
        }),
      ),
    })
    .meta({ id: "VerdictDetail" }),
);

export const getPostureEndpoint = defineEndpoint({
  method: "get",
  path: "/api/v1/posture",
  summary: "The current control matrix (same shape as `trailwarden posture --format json`)",
  role: "viewer",
  query: z.object({
    format: z.enum(["json", "csv"]).default("json"),
    account: z.array(z.string().regex(/^\d{12}$/, "must be a 12-digit account id")).optional(),
  }),
  repeatedQuery: ["account"],
  responses: { 200: { description: "posture", schema: postureSchema, other: { "text/csv": { type: "string" } } } },
  errors: [400, 401, 403],
});

export const getMatrixEndpoint = defineEndpoint({
  method: "get",
  path: "/api/v1/matrix",
  summary: "The compact matrix the /matrix page renders",
  role: "viewer",
  responses: { 200: { description: "matrix", schema: matrixSchema } },
  errors: [401, 403],
});

export const getMatrixReasonsEndpoint = defineEndpoint({
  method: "get",
  path: "/api/v1/matrix/reasons",
  summary: `Reasons behind the current verdicts of up to ${MAX_REASON_ACCOUNTS} accounts`,
  role: "viewer",
  query: z.object({
    accounts: z
      .string()
      .describe("comma-separated account ids")
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^\d{12}$/, "account ids are 12 digits"))
          .min(1)
          .max(MAX_REASON_ACCOUNTS),
      ),
  }),
  responses: { 200: { description: "accountId → controlId → reason", schema: reasonsSchema } },
  errors: [400, 401, 403],
});

export const getVerdictEndpoint = defineEndpoint({
  method: "get",
  path: "/api/v1/matrix/verdicts/{accountId}/{controlId}",
  summary: "One current verdict with evidence, Security Hub's finding and the reconciliation",
  role: "viewer",
  params: z.object({
    accountId: z.string().regex(/^\d{12}$/, "account ids are 12 digits"),
    controlId: z.string().regex(/^(CloudTrail|CloudWatch)\.\d{1,2}$/, "a control id such as CloudTrail.1"),
  }),
  responses: { 200: { description: "verdict", schema: verdictDetailSchema } },
  errors: [400, 401, 403, 404],
});
