// Upserts Security Hub findings (latest state per finding id) in batches, and never deletes:
// Security Hub drops a finding 90 days after its last update, our history must outlive that.
// A finding of an account Trailwarden does not know (not discovered) is skipped: the row's
// account is a foreign key, and such a finding has no snapshot to be shown beside.
import "server-only";
import { db } from "@/lib/db";
import { trimResponse } from "@/lib/collect/call-recorder";
import type { NormalizedFinding } from "@/lib/collect/collect-securityhub";

const BATCH = 500;

export interface StoredFindings {
  stored: number;
  skipped: number;
}

export async function storeFindings(findings: NormalizedFinding[], seenAt = new Date()): Promise<StoredFindings> {
  // One row per id: the stream can repeat a finding across pages while it is being updated.
  const unique = [...new Map(findings.map((f) => [f.state.id, f])).values()];
  let stored = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const s = batch.map((f) => f.state);
    stored += await db.$executeRawUnsafe(
      `INSERT INTO securityhub_findings (id, account_id, region, control_id, compliance_status, workflow_status, record_state,
                                         resource_ids, status_reasons, updated_at, first_seen_at, last_seen_at, raw)
       SELECT t.id, t.account_id, t.region, t.control_id, t.compliance_status, t.workflow_status, t.record_state,
              ARRAY(SELECT jsonb_array_elements_text(t.resource_ids)), t.status_reasons, t.updated_at::timestamp, $12::timestamp, $12::timestamp, t.raw
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::jsonb[])
              AS t(id, account_id, region, control_id, compliance_status, workflow_status, record_state, resource_ids, status_reasons, updated_at, raw)
        WHERE EXISTS (SELECT 1 FROM aws_accounts a WHERE a.id = t.account_id)
       ON CONFLICT (id) DO UPDATE SET
         account_id = EXCLUDED.account_id, region = EXCLUDED.region, control_id = EXCLUDED.control_id,
         compliance_status = EXCLUDED.compliance_status, workflow_status = EXCLUDED.workflow_status,
         record_state = EXCLUDED.record_state, resource_ids = EXCLUDED.resource_ids,
         status_reasons = EXCLUDED.status_reasons, updated_at = EXCLUDED.updated_at,
         last_seen_at = EXCLUDED.last_seen_at, raw = EXCLUDED.raw`,
      s.map((x) => x.id),
      s.map((x) => x.accountId),
      s.map((x) => x.region),
      s.map((x) => x.controlId),
      s.map((x) => x.complianceStatus),
      s.map((x) => x.workflowStatus),
      s.map((x) => x.recordState),
      s.map((x) => JSON.stringify(x.resourceIds)),
      s.map((x) => JSON.stringify(x.statusReasons)),
      s.map((x) => new Date(x.updatedAt).toISOString()),
      batch.map((f) => JSON.stringify(trimResponse(f.raw))),
      seenAt.toISOString(),
    );
  }
  return { stored, skipped: unique.length - stored };
}

/**
 * After a complete read: ACTIVE rows of the scope the read did not return are no longer active in
 * Security Hub (archived, or deleted after 90 days). They are marked ARCHIVED, not deleted.
 */
export async function archiveUnseenFindings(
  scope: { accountIds?: string[]; regions?: string[] },
  readStartedAt: Date,
): Promise<number> {
  return db.$executeRawUnsafe(
    `UPDATE securityhub_findings SET record_state = 'ARCHIVED'
      WHERE record_state = 'ACTIVE' AND last_seen_at < $1::timestamp
        AND ($2::text[] IS NULL OR account_id = ANY($2::text[]))
        AND ($3::text[] IS NULL OR region = ANY($3::text[]))`,
    readStartedAt.toISOString(),
    scope.accountIds ?? null,
    scope.regions ?? null,
  );
}
