// The account page's Evidence card: per region and trail, how far the delivered record is read and
// proved (valid digest chain up to when), the hours with no digest, the integrity failures, and
// any stream that could not be read.
import "server-only";
import { db } from "@/lib/db";
import { INTEGRITY_FAILURES, type IssueReason } from "@/lib/evidence/evidence-types";

export interface AccountEvidenceRow {
  region: string;
  trailArn: string;
  kind: string;
  bucket: string;
  digests: number;
  valid: number;
  unverifiable: number;
  logFilesChecked: number;
  logFilesListed: number;
  provedFrom: Date | null;
  provedTo: Date | null;
  lastReadAt: Date | null;
  lastError: string | null;
}

export interface AccountEvidence {
  streams: AccountEvidenceRow[];
  gaps: { region: string; start: Date; end: Date; key: string }[];
  failures: { region: string; reason: IssueReason; key: string; detail: string; detectedAt: Date }[];
}

export async function getAccountEvidence(accountId: string): Promise<AccountEvidence> {
  const [streams, spans, issues] = await Promise.all([
    db.evidenceStream.findMany({
      where: { accountId, OR: [{ digests: { gt: 0 } }, { logFilesListed: { gt: 0 } }, { lastError: { not: null } }] },
      orderBy: [{ region: "asc" }, { trailArn: "asc" }, { kind: "asc" }],
    }),
    db.evidenceInterval.groupBy({
      by: ["streamId"],
      where: { accountId, kind: { in: ["digests", "log-files"] } },
      _min: { startAt: true },
      _max: { endAt: true },
    }),
    db.evidenceIssue.findMany({ where: { accountId }, orderBy: { startAt: "desc" }, take: 200 }),
  ]);
  const span = new Map(spans.map((s) => [s.streamId, s]));
  return {
    streams: streams.map((s) => ({
      region: s.region,
      trailArn: s.trailArn,
      kind: s.kind,
      bucket: s.bucket,
      digests: s.digests,
      valid: s.valid,
      unverifiable: s.unverifiable,
      logFilesChecked: s.logFilesChecked,
      logFilesListed: s.logFilesListed,
      provedFrom: span.get(s.id)?._min.startAt ?? null,
      provedTo: span.get(s.id)?._max.endAt ?? null,
      lastReadAt: s.lastReadAt,
      lastError: s.lastError,
    })),
    gaps: issues
      .filter((i) => (i.reason === "missing_hours" || i.reason === "missing_digest") && i.startAt && i.endAt)
      .map((i) => ({ region: i.region, start: i.startAt!, end: i.endAt!, key: i.key })),
    failures: issues
      .filter((i) => INTEGRITY_FAILURES.has(i.reason as IssueReason))
      .map((i) => ({
        region: i.region,
        reason: i.reason as IssueReason,
        key: i.key,
        detail: i.detail,
        detectedAt: i.detectedAt,
      })),
  };
}
