// Turns integrity failures a read found into the "integrity-failure" alert (lib/alerts): one alert
// per account and trail while it fires, naming the first S3 key and how many more failed.
import { fireAlert } from "@/lib/alerts/fire-alert";
import { INTEGRITY_FAILURES, ISSUE_LABELS, type EvidenceIssueRecord } from "@/lib/evidence/evidence-types";
import type { EvidenceStreamSpec } from "@/lib/evidence/evidence-types";

export async function alertIntegrityFailures(spec: EvidenceStreamSpec, issues: EvidenceIssueRecord[]): Promise<void> {
  const failures = issues.filter((i) => INTEGRITY_FAILURES.has(i.reason));
  if (failures.length === 0) return;
  const first = failures[0]!;
  const more = failures.length > 1 ? ` and ${failures.length - 1} more` : "";
  await fireAlert({
    ruleId: "integrity-failure",
    accountId: spec.accountId,
    trailArn: spec.trailArn,
    summary: `${ISSUE_LABELS[first.reason]} in ${spec.region}: s3://${spec.bucket}/${first.key}${more}`,
  });
}
