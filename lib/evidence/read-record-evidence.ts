// What the delivered record says about accounts over a report period, shaped for coverage: per
// region the proved, delivered, partial and missing spans (seconds) and the integrity figures the
// report prints. Which trail logged what comes from the account's first good snapshot (the
// configuration "as first observed"), assumed back to the earliest digest unless the stored event
// history shows the trail was changed before that snapshot; then the record before the change only
// counts as delivered.
import "server-only";
import type { TrailState } from "@/lib/collect/snapshot-types";
import type { RegionRecord, Span } from "@/lib/coverage/apply-record-evidence";
import { trailConfiguration } from "@/lib/coverage/classify-trail-coverage";
import { db } from "@/lib/db";
import { INTEGRITY_FAILURES, type IssueReason } from "@/lib/evidence/evidence-types";

export interface RegionIntegrity {
  digests: number;
  valid: number;
  invalid: { key: string; reason: IssueReason }[];
  missingHours: { start: string; end: string }[];
  logFilesChecked: number;
  logFilesMissing: string[];
  logFilesModified: string[];
}

export interface AccountRecord {
  regions: Map<string, RegionRecord & { integrity: RegionIntegrity }>;
  /** Earliest instant the record vouches for (seconds), null when it holds nothing. */
  earliest: number | null;
  /** First good snapshot (seconds). */
  firstObservedAt: number | null;
  /** The latest trail change event history shows before the first snapshot (seconds), if any. */
  changedAt: number | null;
  unverifiable: boolean;
}

const CONFIG_EVENTS = ["CreateTrail", "UpdateTrail", "DeleteTrail", "PutEventSelectors", "PutAdvancedEventSelectors"];
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

function emptyIntegrity(): RegionIntegrity {
  return {
    digests: 0,
    valid: 0,
    invalid: [],
    missingHours: [],
    logFilesChecked: 0,
    logFilesMissing: [],
    logFilesModified: [],
  };
}

export async function readRecordEvidence(
  accountIds: string[] | null,
  from: number,
  to: number,
): Promise<Map<string, AccountRecord>> {
  const inAccounts = accountIds ? { accountId: { in: accountIds } } : {};
  const [streams, intervals, issues, firsts, logChecks] = await Promise.all([
    db.evidenceStream.findMany({ where: inAccounts }),
    db.evidenceInterval.findMany({
      where: { ...inAccounts, endAt: { gt: new Date(from * 1000) }, startAt: { lt: new Date(to * 1000) } },
      orderBy: { startAt: "asc" },
    }),
    db.evidenceIssue.findMany({ where: inAccounts, orderBy: [{ startAt: "asc" }, { key: "asc" }] }),
    db.$queryRaw<{ account_id: string; collected_at: Date; trails: TrailState[] | null }[]>`
      SELECT DISTINCT ON (account_id) account_id, collected_at, state->'trails' AS trails
      FROM snapshots WHERE status <> 'error' ORDER BY account_id, collected_at ASC`,
    // Log files checked in the period (by the day of the digest listing them), not in the stream's lifetime.
    db.evidenceLogCheck.groupBy({
      by: ["accountId", "region"],
      where: { ...inAccounts, day: { gte: new Date(from * 1000), lt: new Date(to * 1000) } },
      _sum: { checked: true },
    }),
  ]);
  const firstOf = new Map(firsts.map((f) => [f.account_id, f]));
  const changes = await db.trailEvent.groupBy({
    by: ["accountId"],
    where: { ...inAccounts, eventName: { in: CONFIG_EVENTS }, errorCode: null },
    _max: { eventTime: true },
  });
  const streamOf = new Map(streams.map((s) => [s.id, s]));
  const out = new Map<string, AccountRecord>();
  const account = (id: string): AccountRecord => {
    let a = out.get(id);
    if (!a) {
      const first = firstOf.get(id);
      const firstAt = first ? sec(first.collected_at) : null;
      const changed = changes.find((c) => c.accountId === id)?._max.eventTime;
      a = {
        regions: new Map(),
        earliest: null,
        firstObservedAt: firstAt,
        changedAt: changed && firstAt !== null && sec(changed) < firstAt ? sec(changed) : null,
        unverifiable: false,
      };
      out.set(id, a);
    }
    return a;
  };
  const region = (a: AccountRecord, name: string) => {
    let r = a.regions.get(name);
    if (!r) {
      r = { proved: [], delivered: [], partial: [], missing: [], integrity: emptyIntegrity() };
      a.regions.set(name, r);
    }
    return r;
  };

  for (const s of streams) region(account(s.accountId), s.region);
  for (const c of logChecks) region(account(c.accountId), c.region).integrity.logFilesChecked += c._sum.checked ?? 0;
  for (const i of intervals) {
    const a = account(i.accountId);
    const r = region(a, i.region);
    const span: Span = { start: Math.max(sec(i.startAt), from), end: Math.min(sec(i.endAt), to) };
    if (span.end <= span.start) continue;
    a.earliest = Math.min(a.earliest ?? Infinity, sec(i.startAt));
    const share = (span.end - span.start) / Math.max(1, sec(i.endAt) - sec(i.startAt));
    const files = Math.round(i.files * share);
    if (i.kind !== "log-files") r.integrity.digests += files;
    if (i.kind === "digests") r.integrity.valid += files;
    if (i.kind === "unverified") a.unverifiable = true;
    const trail = firstOf.get(i.accountId)?.trails?.find((t) => t.arn === streamOf.get(i.streamId)?.trailArn);
    // Before a change event history shows, the first-observed configuration is not assumed.
    const pieces: [Span, boolean][] =
      a.changedAt !== null && span.start < a.changedAt
        ? [
            [{ start: span.start, end: Math.min(span.end, a.changedAt) }, false],
            ...(span.end > a.changedAt ? ([[{ start: a.changedAt, end: span.end }, true]] as [Span, boolean][]) : []),
          ]
        : [[span, true]];
    for (const [piece, assumable] of pieces) {
      const coverage = trail && assumable ? trailConfiguration(trail, i.region) : null;
      if (i.kind !== "digests" || !coverage) r.delivered.push(piece);
      else if (coverage.state === "recorded") r.proved.push(piece);
      else if (coverage.state === "partial" || coverage.cause === "no_management_events")
        r.partial.push({ ...piece, gap: { state: coverage.state, cause: coverage.cause! } });
      else r.delivered.push(piece);
    }
  }
  for (const x of issues) {
    const start = x.startAt ? sec(x.startAt) : null;
    const end = x.endAt ? sec(x.endAt) : start;
    if (end !== null && (end <= from || (start ?? end) >= to)) continue;
    const r = region(account(x.accountId), x.region);
    const reason = x.reason as IssueReason;
    if (reason === "missing_hours" || reason === "missing_digest") {
      if (start !== null && end !== null) {
        r.missing.push({ start, end });
        r.integrity.missingHours.push({ start: x.startAt!.toISOString(), end: x.endAt!.toISOString() });
      }
      if (reason === "missing_digest") r.integrity.invalid.push({ key: x.key, reason });
    } else if (reason === "missing_log_file") r.integrity.logFilesMissing.push(x.key);
    else if (reason === "modified_log_file") r.integrity.logFilesModified.push(x.key);
    else if (INTEGRITY_FAILURES.has(reason)) {
      r.integrity.invalid.push({ key: x.key, reason });
      r.integrity.digests += 1;
    }
  }
  return out;
}
