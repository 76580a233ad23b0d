// Job "evidence": reads the new part of the delivered record (digests, log files) of the accounts
// a collection just read. Sent after every collection (collect-job.ts) and by the demo once its
// simulated record is written; no schedule of its own. Idempotent: a read continues from the
// stored last key per account × region × trail, so a retry or a duplicate only finds nothing new.
// "stately" keeps at most one queued and one running: reads requested meanwhile fold into one.
import { z } from "zod";
import { defineJob } from "@/lib/queue/job-definition";

export const EVIDENCE_JOB = "evidence";

export const evidencePayload = z.object({
  accountIds: z
    .array(z.string().regex(/^\d{12}$/))
    .max(10_000)
    .optional(),
  reason: z.string().max(200).default("collection"),
});
export type EvidencePayload = z.input<typeof evidencePayload>;

export const evidenceJob = defineJob({
  id: EVIDENCE_JOB,
  schema: evidencePayload,
  queue: {
    policy: "stately",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 4 * 3600,
    heartbeatSeconds: 60,
    deleteAfterSeconds: 7 * 86_400,
  },
  handle: async (payload, { log, signal }) => {
    const { readEvidence } = await import("@/lib/evidence/read-evidence");
    const summary = await readEvidence({ accountIds: payload.accountIds, log, signal });
    if (summary.errors.length)
      log(`evidence: ${summary.errors.length} streams could not be read (see the account pages)`);
  },
});
