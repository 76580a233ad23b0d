// `npx trailwarden evidence [--account ID ...] [--since YYYY-MM-DD] [--verify-log-files]`: reads
// and validates the record CloudTrail delivered to the trail buckets now, in this process, and
// prints a summary. Exit 1 when an integrity failure was found or no stream could be read.
import { UsageError } from "@/cli/run-command";
import { cliPrincipal, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ensureDatabase } from "@/lib/db/database";
import { ISSUE_LABELS, INTEGRITY_FAILURES, type IssueReason } from "@/lib/evidence/evidence-types";
import { readEvidence, type EvidenceSummary } from "@/lib/evidence/read-evidence";

export interface EvidenceOptions {
  account?: string[];
  since?: string;
  verifyLogFiles?: boolean;
  json?: boolean;
}

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()))
    throw new UsageError(`--since takes a date as YYYY-MM-DD (got "${value}")`);
  if (d.getTime() > Date.now()) throw new UsageError(`--since ${value} is in the future`);
  return d;
}

export function formatEvidenceSummary(s: EvidenceSummary): string {
  const out = [
    `Evidence read: ${s.accounts} accounts, ${s.streams} streams read in ${(s.durationMs / 1000).toFixed(1)} s`,
    `  digests: ${s.digests} read, ${s.valid} with a valid signature${s.unverifiable ? `, ${s.unverifiable} unverifiable` : ""}`,
    `  log files: ${s.logFilesChecked} checked against their digest, ${s.logFilesListed} listed (validation off)`,
    `  S3 calls: ${s.s3Calls}; ListPublicKeys calls: ${s.publicKeyCalls}`,
  ];
  if (s.signaturesUnverifiable)
    out.push(
      "  signatures UNVERIFIABLE: the endpoint does not implement CloudTrail ListPublicKeys; no digest counts as valid",
    );
  const reasons = Object.entries(s.issues) as [IssueReason, number][];
  if (reasons.length) {
    out.push("  findings:");
    for (const [reason, n] of reasons)
      out.push(`    ${n} × ${ISSUE_LABELS[reason]}${INTEGRITY_FAILURES.has(reason) ? " (integrity failure)" : ""}`);
  }
  if (s.skipped.length) {
    out.push("  not read:");
    for (const k of s.skipped) out.push(`    ${k.accountId} ${k.trailArn}: ${k.reason}`);
  }
  if (s.errors.length) {
    out.push("  errors:");
    for (const e of s.errors) out.push(`    ${e.accountId} ${e.region} ${e.kind} ${e.trailArn}: ${e.message}`);
  }
  return out.join("\n");
}

export async function run(options: EvidenceOptions): Promise<number> {
  const accountIds = options.account ?? [];
  const bad = accountIds.filter((id) => !/^\d{12}$/.test(id));
  if (bad.length > 0) throw new UsageError(`--account takes 12-digit AWS account ids (got ${bad.join(", ")})`);
  const since = parseSince(options.since);
  const database = await ensureDatabase({ log: (l) => console.error(l) });
  try {
    const summary = await readEvidence({ accountIds, since, logFiles: options.verifyLogFiles ?? false });
    const failures = Object.entries(summary.issues)
      .filter(([r]) => INTEGRITY_FAILURES.has(r as IssueReason))
      .reduce((n, [, c]) => n + c, 0);
    await recordAuditEvent({
      actor: cliPrincipal(),
      action: "evidence.read",
      outcome: failures ? "failure" : "success",
      details: { accountIds, since: options.since ?? null, digests: summary.digests, issues: summary.issues },
    });
    console.log(options.json ? JSON.stringify(summary, null, 2) : formatEvidenceSummary(summary));
    const nothingRead = summary.streams === 0 && summary.errors.length > 0;
    return failures > 0 || nothingRead ? 1 : 0;
  } finally {
    await database.stop();
  }
}
