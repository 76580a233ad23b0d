// Reports: the logging-coverage report for a period, as JSON, CSV or PDF.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { accountIdSchema, isoTime, sameShape } from "@/lib/api/endpoints/common";
import { GAP_CAUSES } from "@/lib/coverage/coverage-types";
import type { CoverageReport } from "@/lib/coverage/report-types";
import { ISSUE_REASONS } from "@/lib/evidence/evidence-types";

const gap = z.object({
  start: isoTime,
  end: isoTime.describe("exclusive"),
  cause: z.enum(GAP_CAUSES),
  durationSeconds: z.number(),
  boundedBy: z.enum(["aws", "snapshots", "digests", "log-files"]).describe("what dates the gap's ends"),
  actor: z
    .object({
      arn: z.string().nullable(),
      sourceIp: z.string().nullable(),
      eventTime: isoTime,
      eventName: z.string().describe("StopLogging | DeleteTrail | UpdateTrail | PutEventSelectors"),
      trailArn: z.string().nullable(),
    })
    .nullable()
    .describe("who opened the gap, from CloudTrail event history (read by the watch); null when unknown"),
});
const evidenceKind = z.enum(["digests", "log-files", "snapshots"]);
const integrity = z.object({
  digests: z.number(),
  valid: z.number(),
  invalid: z.array(z.object({ key: z.string(), reason: z.enum(ISSUE_REASONS) })),
  missingHours: z.array(z.object({ start: isoTime, end: isoTime })),
  logFilesChecked: z.number(),
  logFilesMissing: z.array(z.string()),
  logFilesModified: z.array(z.string()),
});
const percents = {
  recordedPct: z.number(),
  partialPct: z.number(),
  notRecordedPct: z.number(),
  unknownPct: z.number(),
};

export const coverageReportSchema = sameShape<CoverageReport>()(
  z
    .object({
      period: z.object({ from: isoTime, to: isoTime.describe("exclusive: the end of the last day") }),
      generatedAt: isoTime,
      accounts: z.array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          recordedPct: z.number(),
          regions: z.array(
            z.object({
              region: z.string(),
              ...percents,
              gaps: z.array(gap),
              evidence: evidenceKind.describe("the best evidence the region's figures rest on"),
              integrity,
            }),
          ),
        }),
      ),
      summary: z.object({
        organization: z.object({
          id: z.string().nullable(),
          managementAccountId: z.string().nullable(),
          name: z.string().nullable(),
        }),
        accounts: z.number(),
        accountRegions: z.number(),
        ...percents,
        accountsFullyRecorded: z.number(),
        accountsWithGaps: z.number(),
        accountsWithUnknown: z.number(),
        gapCount: z.number(),
        gapsByCause: z.partialRecord(z.enum(GAP_CAUSES), z.object({ count: z.number(), seconds: z.number() })),
        longestGap: gap.extend({ accountId: z.string(), region: z.string() }).nullable(),
        evidence: z.object({ from: isoTime.nullable(), to: isoTime.nullable() }),
        frameworks: z.array(z.object({ id: z.string(), title: z.string(), relevance: z.string() })),
        record: z.object({
          regionsByEvidence: z.record(evidenceKind, z.number()),
          integrityFailures: z.number(),
          signaturesUnverifiable: z.boolean(),
          assumptions: z.array(z.string()),
        }),
      }),
      method: z.string(),
    })
    .meta({ id: "CoverageReport" }),
);

export const getCoverageReport = defineEndpoint({
  method: "get",
  path: "/api/v1/reports/coverage",
  summary: "Logging-coverage report for a period (default: the last twelve months)",
  description: "Every download is audited with the SHA-256 of what was sent.",
  role: "auditor",
  query: z.object({
    from: z.string().optional().describe("first day, YYYY-MM-DD"),
    to: z.string().optional().describe("last day, YYYY-MM-DD"),
    format: z.enum(["json", "csv", "pdf"]).default("json"),
    part: z
      .enum(["main", "gaps", "integrity", "manifest"])
      .default("main")
      .describe("gaps, integrity: those CSVs (format=csv); manifest: SHA-256 sums of the files of this format"),
    account: z.array(accountIdSchema).optional().describe("repeat to select several accounts"),
  }),
  repeatedQuery: ["account"],
  responses: {
    200: {
      description: "the report",
      schema: coverageReportSchema,
      other: {
        "text/csv": { type: "string" },
        "application/pdf": { type: "string", format: "binary" },
        // part=manifest: the SHA-256 sums, one "<hash>  <file>" line per file
        "text/plain": { type: "string" },
      },
    },
  },
  errors: [400, 401, 403],
});
