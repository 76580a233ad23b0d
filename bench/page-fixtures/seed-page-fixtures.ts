// Writes a realistic organization's worth of page data: accounts in varied OUs, the latest
// snapshot of each (plausible state and raw responses), verdicts for every control with varied
// statuses (ERROR with stale last-good verdicts, NO_DATA, WARNING), Security Hub columns and
// reconciliation states, collection runs with errors, weekly history for a year, and coverage days.
// Bulk inserts only, so 1,000 accounts seed in well under a minute.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { VerdictStatus } from "@/lib/controls/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildProfiles, LOG_ARCHIVE_ID, MANAGEMENT_ID, rng, type AccountProfile } from "./fixture-profiles";
import { historicState, latestSnapshot } from "./fixture-state";
import { currentVerdicts, historicStatus, partialCollectionVerdict, type FixtureVerdict } from "./fixture-verdicts";

export interface SeedOptions {
  seed?: number;
  /** Weekly history points before the latest snapshot (default 52: a year). */
  historyWeeks?: number;
  /** Write CoverageDay rows for the last 30 days (default true). */
  coverage?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface SeedSummary {
  accounts: number;
  snapshots: number;
  controlResults: number;
  findings: number;
  runs: number;
  latestRunId: string;
  ms: number;
}

const EVALUATOR_VERSION = "fixture-1";
const SECURITY_TOOLING_ID = "200002000006";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

function securityHubFor(
  p: AccountProfile,
  v: FixtureVerdict,
  fixedRecently: boolean,
): { status: string; reconciliation: string } | null {
  if (p.securityHub === "off" || v.status === "NOT_APPLICABLE") return null;
  if (v.status === "PASSED" && fixedRecently) return { status: "FAILED", reconciliation: "awaiting" };
  // Security Hub cannot see a trail or log group in another account: NO_DATA where we credit the
  // organization trail (docs/controls.md), which we report as a disagreement.
  if (v.controlId.startsWith("CloudWatch.") && p.orgTrail && !p.ownTrail && !p.isManagement)
    return { status: "NOT_AVAILABLE", reconciliation: "disagrees" };
  const map: Partial<Record<VerdictStatus, string>> = {
    PASSED: "PASSED",
    FAILED: "FAILED",
    WARNING: "PASSED",
    NO_DATA: "NOT_AVAILABLE",
  };
  const status = map[v.status];
  return status ? { status, reconciliation: "agrees" } : null;
}

export async function seedPageFixtures(n: number, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const weeks = options.historyWeeks ?? 52;
  const random = rng((options.seed ?? 42) + 1);
  const profiles = buildProfiles(n, options.seed ?? 42);

  await db.awsAccount.createMany({
    data: profiles.map((p) => ({
      id: p.id,
      name: p.name,
      email: `aws+${p.name}@acme-corp.example`,
      ouPath: p.ouPath,
      status: p.status,
      isManagement: p.isManagement,
      joinedAt: new Date(now.getTime() - 400 * DAY),
      firstSeenAt: new Date(now.getTime() - (weeks + 1) * 7 * DAY),
    })),
    skipDuplicates: true,
  });

  // Collection runs: the latest (partial, with errors), three good ones before it, and one that
  // failed outright at discovery.
  // An hour ago, but never within the first minutes of a UTC day: the latest run's snapshots are
  // spread over five minutes before it, and per-day read models (the posture trend) must see that
  // run as one day whatever the hour the fixtures are seeded at.
  const hourAgo = now.getTime() - HOUR;
  const intoDay = hourAgo % DAY;
  const latestAt = new Date(intoDay < 10 * 60_000 ? hourAgo - intoDay - 60_000 : hourAgo);
  const collected = profiles.filter((p) => p.collection !== "never");
  const failed = collected.filter((p) => p.collection === "error");
  const latestRunId = randomUUID();
  const runs: Prisma.CollectionRunCreateManyInput[] = [
    {
      id: latestRunId,
      trigger: "schedule",
      status: failed.length || collected.some((p) => p.collection === "partial") ? "partial" : "ok",
      accountsTotal: collected.length,
      accountsDone: collected.length,
      accountsFailed: failed.length,
      apiCalls: collected.length * 31,
      apiCallsByOp: {
        "cloudtrail:ListTrails": collected.length,
        "cloudtrail:GetTrailStatus": collected.length * 2,
        "s3:GetBucketLogging": collected.length,
      },
      createdAt: new Date(latestAt.getTime() - 6 * 60_000),
      startedAt: new Date(latestAt.getTime() - 6 * 60_000),
      finishedAt: latestAt,
      durationMs: 6 * 60_000,
    },
  ];
  for (let k = 1; k <= 4; k++) {
    const at = new Date(latestAt.getTime() - k * 4 * HOUR);
    const broken = k === 2;
    runs.push({
      id: randomUUID(),
      trigger: k === 3 ? "manual" : "schedule",
      requestedBy: k === 3 ? "engineer@trailwarden.local" : null,
      status: broken ? "error" : "ok",
      accountsTotal: broken ? 0 : collected.length,
      accountsDone: broken ? 0 : collected.length,
      accountsFailed: 0,
      apiCalls: broken ? 2 : collected.length * 31,
      error: broken
        ? "Account discovery failed: organizations:ListAccounts returned AccessDeniedException (the hub role lacks organizations:ListAccounts)"
        : null,
      createdAt: new Date(at.getTime() - 5 * 60_000),
      startedAt: new Date(at.getTime() - 5 * 60_000),
      finishedAt: at,
      durationMs: broken ? 1_200 : 5 * 60_000,
    });
  }
  await db.collectionRun.createMany({ data: runs });

  const runAccounts: Prisma.CollectionRunAccountCreateManyInput[] = [];
  for (const run of runs) {
    if (run.status === "error") continue;
    const isLatest = run.id === latestRunId;
    for (const p of collected) {
      const status = isLatest ? p.collection : "ok";
      runAccounts.push({
        runId: run.id!,
        accountId: p.id,
        status,
        error:
          status === "error"
            ? `sts:AssumeRole into arn:aws:iam::${p.id}:role/TrailwardenReadOnly failed: AccessDenied (the role is missing or does not trust the hub)`
            : status === "partial"
              ? `1 call failed: s3:GetBucketLogging in account ${LOG_ARCHIVE_ID} (AccessDenied)`
              : null,
        apiCalls: status === "error" ? 1 : 31,
        startedAt: new Date((run.finishedAt as Date).getTime() - 5 * 60_000),
        finishedAt: run.finishedAt as Date,
      });
    }
  }
  await inChunks(runAccounts, 5000, (data) => db.collectionRunAccount.createMany({ data }));

  // Latest snapshots and their verdicts.
  const snapshots: Prisma.SnapshotCreateManyInput[] = [];
  const results: Prisma.ControlResultCreateManyInput[] = [];
  const findings: Prisma.SecurityHubFindingCreateManyInput[] = [];
  const previousAt = new Date(latestAt.getTime() - 7 * DAY);
  for (const p of collected) {
    const id = randomUUID();
    const at = new Date(latestAt.getTime() - Math.floor(random() * 5 * 60_000));
    const snap = latestSnapshot(p, at.toISOString());
    const error =
      p.collection === "error"
        ? `sts:AssumeRole into arn:aws:iam::${p.id}:role/TrailwardenReadOnly failed: AccessDenied`
        : null;
    snapshots.push({
      id,
      runId: latestRunId,
      accountId: p.id,
      collectedAt: at,
      status: p.collection === "error" ? "error" : p.collection,
      error,
      errors: (p.collection === "error"
        ? [
            {
              service: "sts",
              operation: "AssumeRole",
              kind: "access_denied",
              code: "AccessDenied",
              message: `User arn:aws:iam::${MANAGEMENT_ID}:user/trailwarden is not authorized to perform sts:AssumeRole on arn:aws:iam::${p.id}:role/TrailwardenReadOnly`,
            },
          ]
        : snap.errors) as unknown as Prisma.InputJsonValue,
      state: (p.collection === "error"
        ? historicState(p, at.toISOString())
        : snap.state) as unknown as Prisma.InputJsonValue,
      raw: (p.collection === "error" ? {} : snap.raw) as Prisma.InputJsonValue,
      apiCalls: p.collection === "error" ? 1 : 31,
    });
    const fixedRecently = p.fixedControls !== "none" && p.fixedWeek >= weeks - 1;
    for (const good of currentVerdicts(p)) {
      let v = good;
      let stale: { staleStatus: string; staleReason: string; staleAt: Date } | null = null;
      if (p.collection === "error") {
        v = { ...good, status: "ERROR", reason: `collection failed: ${error}` };
        stale = { staleStatus: good.status, staleReason: good.reason, staleAt: previousAt };
      } else if (p.collection === "partial" && good.controlId === "CloudTrail.7") {
        v = partialCollectionVerdict(good);
        stale = { staleStatus: good.status, staleReason: good.reason, staleAt: previousAt };
      }
      const sh = securityHubFor(p, stale ? good : v, fixedRecently);
      const findingId = sh
        ? `arn:aws:securityhub:us-east-1:${SECURITY_TOOLING_ID}:security-control/${v.controlId}/finding/${randomUUID()}`
        : null;
      const shUpdated = new Date(at.getTime() - (6 + Math.floor(random() * 30)) * HOUR);
      results.push({
        snapshotId: id,
        accountId: p.id,
        controlId: v.controlId,
        status: v.status,
        reason: v.reason,
        evidence: v.evidence,
        evaluatorVersion: EVALUATOR_VERSION,
        evaluatedAt: at,
        collectedAt: at,
        ...(stale ?? {}),
        securityHub: sh
          ? {
              status: sh.status,
              workflowStatus: sh.status === "FAILED" ? "NEW" : "RESOLVED",
              updatedAt: shUpdated.toISOString(),
              findingId,
            }
          : undefined,
        reconciliation:
          v.status === "ERROR" ? null : sh ? sh.reconciliation : p.securityHub === "on" ? "not_reported" : null,
      });
      if (sh && findingId) {
        const resource = v.evidence.find((e) => e.includes(":trail/")) ?? `AWS::::Account:${p.id}`;
        findings.push({
          id: findingId,
          accountId: p.id,
          region: "us-east-1",
          controlId: v.controlId,
          complianceStatus: sh.status,
          workflowStatus: sh.status === "FAILED" ? (random() < 0.2 ? "NOTIFIED" : "NEW") : "RESOLVED",
          recordState: "ACTIVE",
          resourceIds: [resource],
          statusReasons:
            sh.status === "NOT_AVAILABLE"
              ? [
                  {
                    reasonCode: "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
                    description: "Multi-region CloudTrail is not present in the account",
                  },
                ]
              : [],
          updatedAt: shUpdated,
          firstSeenAt: new Date(now.getTime() - 80 * DAY),
          lastSeenAt: at,
          raw: {
            Compliance: { SecurityControlId: v.controlId, Status: sh.status },
            AwsAccountId: p.id,
            Region: "us-east-1",
          },
        });
      }
    }
  }

  let snapshotsWritten = snapshots.length;
  log(
    `Writing ${snapshots.length} latest snapshots, ${results.length} verdicts, ${findings.length} Security Hub findings`,
  );
  await inChunks(snapshots, 2000, (data) => db.snapshot.createMany({ data }));
  await inChunks(results, 5000, (data) => db.controlResult.createMany({ data }));
  await inChunks(findings, 5000, (data) => db.securityHubFinding.createMany({ data }));

  // Weekly history: the same accounts a year back, with the problems they fixed still failing.
  // Written one week at a time with UNNEST (a million rows through createMany costs minutes of
  // client CPU; this is seconds).
  const currentByAccount = new Map(collected.map((p) => [p.id, currentVerdicts(p)]));
  let historyRows = 0;
  for (let w = 0; w < weeks; w++) {
    const at = new Date(latestAt.getTime() - (weeks - w) * 7 * DAY).toISOString();
    const snapIds: string[] = [];
    const snapAccounts: string[] = [];
    const states: string[] = [];
    const r = {
      snapshot: [] as string[],
      account: [] as string[],
      control: [] as string[],
      status: [] as string[],
      reason: [] as string[],
    };
    for (const p of collected) {
      const id = randomUUID();
      snapIds.push(id);
      snapAccounts.push(p.id);
      // The newest history point keeps the full state: it is what the account page shows when
      // the latest collection failed.
      states.push(JSON.stringify(w === weeks - 1 ? latestSnapshot(p, at).state : historicState(p, at)));
      for (const v of currentByAccount.get(p.id)!) {
        const status = historicStatus(p, v.controlId, v.status, w);
        r.snapshot.push(id);
        r.account.push(p.id);
        r.control.push(v.controlId);
        r.status.push(status);
        r.reason.push(
          status === v.status ? v.reason : `${v.controlId} was failing before the fix of week ${p.fixedWeek}`,
        );
      }
    }
    await db.$executeRaw`
      INSERT INTO snapshots (id, account_id, collected_at, status, state, api_calls)
      SELECT id, account_id, ${at}::timestamp, 'ok', state::jsonb, 31
      FROM unnest(${snapIds}::uuid[], ${snapAccounts}::varchar[], ${states}::text[]) AS t(id, account_id, state)`;
    await db.$executeRaw`
      INSERT INTO control_results (id, snapshot_id, account_id, control_id, status, reason, evidence, evaluator_version, evaluated_at, collected_at)
      SELECT gen_random_uuid(), snapshot_id, account_id, control_id, status, reason, '{}', ${EVALUATOR_VERSION}, ${at}::timestamp, ${at}::timestamp
      FROM unnest(${r.snapshot}::uuid[], ${r.account}::varchar[], ${r.control}::text[], ${r.status}::text[], ${r.reason}::text[])
        AS t(snapshot_id, account_id, control_id, status, reason)`;
    historyRows += r.snapshot.length;
    snapshotsWritten += snapIds.length;
  }
  log(`Wrote ${weeks} weeks of history: ${historyRows} verdicts`);

  if (options.coverage !== false) {
    const days: Prisma.CoverageDayCreateManyInput[] = [];
    for (let d = 1; d <= 30; d++) {
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - d));
      for (const p of collected) {
        const verdicts = currentByAccount.get(p.id)!;
        const recorded = verdicts[0]?.status === "PASSED";
        const logging = verdicts[2]?.status === "PASSED";
        for (const region of ["us-east-1", "eu-west-1"]) {
          days.push({
            accountId: p.id,
            region,
            day,
            recordedSeconds: recorded ? 86_400 : 0,
            partialSeconds: !recorded && logging ? 86_400 : 0,
            notRecordedSeconds: !logging ? 86_400 : 0,
            causes: recorded ? [] : logging ? ["management events partly logged"] : ["no trail logging"],
          });
        }
      }
    }
    await inChunks(days, 10000, (data) => db.coverageDay.createMany({ data }));
  }

  return {
    accounts: profiles.length,
    snapshots: snapshotsWritten,
    controlResults: results.length + historyRows,
    findings: findings.length,
    runs: runs.length,
    latestRunId,
    ms: Date.now() - started,
  };
}
