// After a snapshot is evaluated (the evaluation hook of every collection, lib/evaluate/load-evaluation-hook.ts),
// opens and closes alerts by comparing it with what came before:
// - control-failed: a control whose previous verdict held (anything but FAILED or ERROR) is FAILED
//   now; resolved when it holds again. ERROR keeps an alert as it is (nothing new is known).
// - logging-stopped: a trail the account owns that was logging in the previous readable snapshot
//   is not logging now, or is gone (only when ListTrails answered: a failed listing is not a
//   deletion); resolved when that trail is logging again.
// - collection-failing: the account's collection failed outright `threshold` runs in a row;
//   resolved by the next readable snapshot.
// Each alert carries who did it when the watch has read the event from CloudTrail's event history.
import "server-only";
import { db } from "@/lib/db";
import type { AccountSnapshotState, TrailState } from "@/lib/collect/snapshot-types";
import type { ControlVerdict } from "@/lib/controls/types";
import { loadRules } from "@/lib/alerts/alert-rules";
import { EXPLAINING_EVENTS, findActor } from "@/lib/alerts/find-actor";
import { fireAlert } from "@/lib/alerts/fire-alert";
import { firingSubjects, resolveAlert } from "@/lib/alerts/resolve-alert";
import { readSnapshotState } from "@/lib/collect/snapshot-json";
import { findLatestSnapshot } from "@/lib/collect/latest-snapshot";

export interface EvaluatedSnapshot {
  id: string;
  accountId: string;
  collectedAt: Date;
  status: string;
  error: string | null;
}

const HOLDS = new Set(["PASSED", "WARNING", "NOT_APPLICABLE", "NO_DATA"]);

export async function evaluateAlerts(snapshot: EvaluatedSnapshot, verdicts: ControlVerdict[]): Promise<void> {
  const rules = await loadRules();
  if (snapshot.status === "error") {
    await collectionFailing(snapshot, rules.get("collection-failing")?.threshold ?? 3);
    return;
  }
  await resolveAlert({
    ruleId: "collection-failing",
    accountId: snapshot.accountId,
    subject: null,
    summary: "Collection succeeded again",
  });
  await controlRegressions(snapshot, verdicts);
  await trailRegressions(snapshot);
}

async function collectionFailing(s: EvaluatedSnapshot, threshold: number): Promise<void> {
  const recent = await db.snapshot.findMany({
    where: { accountId: s.accountId, collectedAt: { lte: s.collectedAt } },
    orderBy: { collectedAt: "desc" },
    take: threshold,
    select: { status: true },
  });
  if (recent.length < threshold || recent.some((r) => r.status !== "error")) return;
  await fireAlert({
    ruleId: "collection-failing",
    accountId: s.accountId,
    summary: `Collection failed ${threshold} runs in a row: ${s.error ?? "unknown error"}`,
    snapshotId: s.id,
  });
}

async function controlRegressions(s: EvaluatedSnapshot, verdicts: ControlVerdict[]): Promise<void> {
  // A member's verdict often moves because the organization trail (in the management account) changed.
  const stored = await db.snapshot.findUniqueOrThrow({ where: { id: s.id }, select: { id: true, state: true } });
  const management = readSnapshotState(stored).organization?.managementAccountId;
  const actorAccounts = [...new Set([s.accountId, ...(management ? [management] : [])])];
  const previous = await db.$queryRaw<{ control_id: string; status: string; collected_at: Date }[]>`
    SELECT DISTINCT ON (control_id) control_id, status, collected_at FROM control_results
    WHERE account_id = ${s.accountId} AND collected_at < ${s.collectedAt} AND status <> 'ERROR'
    ORDER BY control_id, collected_at DESC, evaluated_at DESC`;
  const before = new Map(previous.map((p) => [p.control_id, p]));
  const firing = new Set(await firingSubjects("control-failed", s.accountId));
  for (const v of verdicts) {
    const prev = before.get(v.controlId);
    if (v.status === "FAILED" && prev && HOLDS.has(prev.status)) {
      const actor = await findActor({
        accountId: actorAccounts,
        eventNames: EXPLAINING_EVENTS,
        since: prev.collected_at,
      });
      await fireAlert({
        ruleId: "control-failed",
        accountId: s.accountId,
        controlId: v.controlId,
        trailArn: v.evidence.find((arn) => arn.includes(":trail/")) ?? null,
        summary: `${v.controlId} is FAILED (was ${prev.status}): ${v.reason}`,
        actor,
        snapshotId: s.id,
      });
    } else if (HOLDS.has(v.status) && firing.has(v.controlId)) {
      await resolveAlert({
        ruleId: "control-failed",
        accountId: s.accountId,
        subject: v.controlId,
        summary: `${v.controlId} is ${v.status} again: ${v.reason}`,
      });
    }
  }
}

function ownTrails(state: AccountSnapshotState): TrailState[] {
  return state.trails.filter((t) => t.ownerAccountId === state.accountId);
}

async function trailRegressions(s: EvaluatedSnapshot): Promise<void> {
  const [current, previous] = await Promise.all([
    db.snapshot.findUniqueOrThrow({ where: { id: s.id }, select: { id: true, state: true } }),
    findLatestSnapshot(s.accountId, { holdingState: true, before: s.collectedAt }),
  ]);
  const now = readSnapshotState(current);
  const listed = !now.errors.some((e) => e.service === "cloudtrail" && e.operation === "ListTrails");
  const trailsNow = new Map(ownTrails(now).map((t) => [t.arn, t]));
  if (previous) {
    const before = ownTrails(previous.state);
    for (const t of before) {
      if (t.status?.isLogging !== true) continue;
      const after = trailsNow.get(t.arn);
      const deleted = !after && listed;
      const stopped = after?.status?.isLogging === false;
      if (!deleted && !stopped) continue;
      const actor = await findActor({
        accountId: s.accountId,
        trailArn: t.arn,
        eventNames: deleted ? ["DeleteTrail"] : ["StopLogging"],
        since: previous.collectedAt,
      });
      await fireAlert({
        ruleId: "logging-stopped",
        accountId: s.accountId,
        trailArn: t.arn,
        summary: deleted ? `Trail ${t.name} was deleted` : `Logging stopped on trail ${t.name}`,
        actor,
        snapshotId: s.id,
      });
    }
  }
  for (const arn of await firingSubjects("logging-stopped", s.accountId)) {
    const t = trailsNow.get(arn);
    if (t?.status?.isLogging)
      await resolveAlert({
        ruleId: "logging-stopped",
        accountId: s.accountId,
        subject: arn,
        summary: `Trail ${t.name} is logging again`,
      });
  }
}
