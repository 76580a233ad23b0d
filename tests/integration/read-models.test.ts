// The page read models against a real PostgreSQL seeded with the page fixtures (the same seeder
// the page benchmark uses): current verdicts, stale ERRORs, reasons, one verdict, the overview's
// aggregates and the account page's sections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { seedPageFixtures } from "@/bench/page-fixtures/seed-page-fixtures";
import { buildProfiles } from "@/bench/page-fixtures/fixture-profiles";
import { getAccountFindings } from "@/lib/read-models/get-account-findings";
import { getAccountHistory } from "@/lib/read-models/get-account-history";
import { getAccountSummary } from "@/lib/read-models/get-account-summary";
import { getAccountTimeline } from "@/lib/read-models/get-account-timeline";
import { getAccountTrails } from "@/lib/read-models/get-account-trails";
import { getAccountVerdicts } from "@/lib/read-models/get-account-verdicts";
import { readable } from "@/lib/read-models/readable";
import { getCoverageShare } from "@/lib/read-models/get-coverage-share";
import { getMatrix } from "@/lib/read-models/get-matrix";
import { getMatrixReasons } from "@/lib/read-models/get-matrix-reasons";
import { getPostureTrend } from "@/lib/read-models/get-posture-trend";
import { getVerdict } from "@/lib/read-models/get-verdict";
import { listAccounts, accountListParams } from "@/lib/read-models/list-accounts";
import { getCollectionView, getLatestCollectionView, listCollectionRuns } from "@/lib/read-models/collection-progress";
import { useFreshDatabase } from "./support/test-database";

const N = 60;
const profiles = buildProfiles(N);
const errored = profiles.find((p) => p.collection === "error")!;
const partial = profiles.find((p) => p.collection === "partial")!;
const never = profiles.find((p) => p.collection === "never");
const ownTrail = profiles.find((p) => p.collection === "ok" && p.ownTrail && p.orgTrail)!;

describe("page read models", () => {
  let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
  let latestRunId: string;
  beforeAll(async () => {
    fresh = await useFreshDatabase();
    ({ latestRunId } = await seedPageFixtures(N, { historyWeeks: 6 }));
  });
  afterAll(async () => fresh.drop());

  it("builds the compact matrix: one code per control, stale ERRORs in lower case", async () => {
    const m = await getMatrix();
    expect(m.rows).toHaveLength(N);
    expect(m.controls.map((c) => c.id).slice(0, 9)).toEqual([
      "CloudTrail.1",
      "CloudTrail.2",
      "CloudTrail.3",
      "CloudTrail.4",
      "CloudTrail.5",
      "CloudTrail.6",
      "CloudTrail.7",
      "CloudTrail.9",
      "CloudTrail.10",
    ]);
    for (const row of m.rows) expect(row.s).toHaveLength(23);
    const err = m.rows.find((r) => r.id === errored.id)!;
    expect(err.c).toBe("error");
    // Every old verdict shown stale (lower case); its own trail's one failure was CloudTrail.9.
    expect(err.s).toBe("ppppppppxpppppppppppppp");
    const part = m.rows.find((r) => r.id === partial.id)!;
    expect(part.c).toBe("partial");
    expect(part.s).toBe("PPPPPPpFXPPPPPPPPPPPPPP");
    expect(part.s[6]).toBe("p"); // CloudTrail.7 could not be read: its last verdict, stale
    if (never) expect(m.rows.find((r) => r.id === never.id)!.s).toBe(".".repeat(23));
    // Compact: about 100 bytes an account.
    expect(JSON.stringify(m.rows).length / N).toBeLessThan(120);
  });

  it("shows old verdicts as stale when the newest collection failed before evaluation", async () => {
    const target = profiles.find((p) => p.collection === "ok" && p !== ownTrail)!;
    await db.snapshot.create({
      data: {
        accountId: target.id,
        collectedAt: new Date(),
        status: "error",
        error: "AssumeRole failed: AccessDenied",
        state: {},
      },
    });
    const row = (await getMatrix()).rows.find((r) => r.id === target.id)!;
    expect(row.c).toBe("error");
    expect(row.s).toBe("p".repeat(23));
    const v = await getVerdict(target.id, "CloudTrail.3");
    expect(v.status).toBe("ERROR");
    const logging = "organization trail `org-trail` in us-east-1 is logging";
    expect({ status: v.stale?.status, reason: v.stale?.reason }).toEqual({ status: "PASSED", reason: logging });
    expect(v.reason).toBe("The latest collection failed: AssumeRole failed: AccessDenied");
    const reasons = await getMatrixReasons([target.id]);
    expect(reasons[target.id]?.["CloudTrail.3"]).toEqual({
      r: "The latest collection failed: AssumeRole failed: AccessDenied",
      sr: logging,
    });
  });

  it("returns reasons for a window of rows", async () => {
    const ids = profiles.slice(0, 10).map((p) => p.id);
    const reasons = await getMatrixReasons(ids);
    const collected = profiles.slice(0, 10).filter((p) => p.collection !== "never");
    expect(Object.keys(reasons).sort()).toEqual(collected.map((p) => p.id).sort());
    const controlIds = (await getMatrix()).controls.map((c) => c.id).sort();
    for (const p of collected) expect(Object.keys(reasons[p.id]!).sort()).toEqual(controlIds);
  });

  it("opens one verdict with evidence, Security Hub and reconciliation in words", async () => {
    const v = await getVerdict(ownTrail.id, "CloudTrail.1");
    expect(v.account.name).toBe(ownTrail.name);
    expect(v.status).toBe("PASSED");
    expect(v.control.title).toBe(
      "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write " +
        "management events",
    );
    const own = ownTrail.ownTrail!;
    expect(v.evidence).toEqual([`arn:aws:cloudtrail:${own.homeRegion}:${ownTrail.id}:trail/${own.name}`]);
    expect(v.reconciliationText).toBe(
      "Awaiting Security Hub re-evaluation: fixed here, Security Hub re-checks every 12–24 hours",
    );
    const e = await getVerdict(errored.id, "CloudTrail.1");
    expect(e.status).toBe("ERROR");
    expect({ status: e.stale?.status, reason: e.stale?.reason }).toEqual({
      status: "PASSED",
      reason: `trail \`${errored.ownTrail!.name}\` in us-east-1 is multi-region, logging and records all read and write management events`,
    });
    await expect(getVerdict(ownTrail.id, "CloudTrail.8")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVerdict("999999999999", "CloudTrail.1")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("aggregates the trend from history and coverage from CoverageDay, else from the verdicts", async () => {
    const trend = await getPostureTrend();
    // One point a week over the six weeks of history and this week, one account never collected
    // and the management account aside.
    expect(trend.map((p) => [p.passed, p.failed, p.accounts])).toEqual([
      [850, 419, 58],
      [864, 405, 58],
      [878, 391, 58],
      [878, 391, 58],
      [895, 374, 58],
      [895, 374, 58],
      [1124, 106, 58],
    ]);
    expect(trend.map((p) => p.passingShare)).toEqual([
      0.6645817044566067, 0.6755277560594214, 0.6864738076622361, 0.6864738076622361, 0.6997654417513682,
      0.6997654417513682, 0.8733488733488733,
    ]);
    const days = trend.map((p) => Date.parse(`${p.day}T00:00:00Z`));
    expect(days.slice(1).map((d, i) => (d - days[i]!) / 86_400_000)).toEqual([7, 7, 7, 7, 7, 7]);
    const fromDays = await getCoverageShare();
    expect(fromDays).toEqual({
      source: "coverage-days",
      days: 30,
      share: 102 / 116,
      partialShare: 12 / 116,
      accountRegions: 116,
    });
    await db.coverageDay.deleteMany({});
    const estimated = await getCoverageShare();
    expect(estimated).toEqual({
      source: "latest-verdicts",
      share: 49 / 58,
      logging: 55,
      fullyRecorded: 49,
      evaluated: 58,
    });
  });

  it("lists, filters, sorts and pages accounts", async () => {
    const all = await listAccounts(accountListParams.parse({}));
    expect(all.total).toBe(N);
    expect(all.rows.map((r) => r.name)).toEqual([...all.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    const prod = await listAccounts(accountListParams.parse({ ou: "Root/Workloads" }));
    expect(prod.rows.map((r) => r.id).sort()).toEqual(
      profiles
        .filter((p) => p.ouPath.startsWith("Root/Workloads"))
        .map((p) => p.id)
        .sort(),
    );
    expect([prod.total, prod.matching]).toEqual([N, 39]);
    const worst = await listAccounts(accountListParams.parse({ sort: "failing" }));
    const runs = (value: number, count: number) => Array<number>(count).fill(value);
    expect(worst.rows.map((r) => r.failing)).toEqual([
      16,
      ...runs(15, 4),
      7,
      ...runs(2, 2),
      ...runs(1, 19),
      ...runs(0, 33),
    ]);
    expect((await listAccounts(accountListParams.parse({ q: ownTrail.id }))).rows.map((r) => r.id)).toEqual([
      ownTrail.id,
    ]);
  });

  it("gives the account page its sections", async () => {
    const summary = await getAccountSummary(ownTrail.id);
    expect(summary?.counts).toEqual({ PASSED: 21, FAILED: 1, WARNING: 0, NO_DATA: 0, NOT_APPLICABLE: 1, ERROR: 0 });
    const trails = await getAccountTrails(ownTrail.id);
    expect(trails?.trails.map((t) => t.creditedFromOrganization).sort()).toEqual([false, true]);
    expect(trails?.trails.map((t) => [t.name, t.selectors])).toEqual([
      [ownTrail.ownTrail!.name, ["all management events (AWS default: selectors never set)"]],
      ["org-trail", ["read and write management events (basic selector)"]],
    ]);
    const verdicts = await getAccountVerdicts(ownTrail.id);
    expect(verdicts).toHaveLength(23);
    expect(verdicts[0]!.controlId).toBe("CloudTrail.1");
    const timeline = await getAccountTimeline(ownTrail.id);
    expect(timeline).toHaveLength(7);
    expect(timeline.every((p) => p.passed + p.failed + p.errors + p.other === 23)).toBe(true);
    // Four collections today (one manual) and one snapshot a week before them.
    const history = await getAccountHistory(ownTrail.id);
    expect(history.map((h) => [h.trigger, h.status, h.apiCalls, h.errors])).toEqual([
      ["schedule", "ok", 31, []],
      ["schedule", "ok", 31, []],
      ["manual", "ok", 31, []],
      ["schedule", "ok", 31, []],
      ...Array.from({ length: 6 }, () => [null, "ok", 31, []]),
    ]);
    const findings = await getAccountFindings(ownTrail.id);
    expect(findings.map((f) => [f.controlId, f.complianceStatus, f.region])).toEqual(
      [
        ...["CloudTrail.1", "CloudTrail.2", "CloudTrail.3", "CloudTrail.4", "CloudTrail.5", "CloudTrail.6"],
        ...["CloudTrail.7", "CloudTrail.9"],
        ...Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`),
      ].map((id) => [id, "FAILED", "us-east-1"]),
    );
    expect(await getAccountSummary("999999999999")).toBeNull();
  });

  it("reports collection runs and their problems", async () => {
    const latest = await getLatestCollectionView();
    expect(latest?.runId).toBe(latestRunId);
    expect(latest?.active).toBe(false);
    const view = await getCollectionView(latestRunId);
    const erroredIds = profiles.filter((p) => p.collection === "error").map((p) => p.id);
    expect(view?.problems.map((p) => [p.accountId, p.status])).toEqual([
      ...erroredIds.map((id) => [id, "error"]),
      [partial.id, "partial"],
    ]);
    const runs = await listCollectionRuns(10);
    expect(runs).toHaveLength(5);
    expect(runs.map((r) => [r.trigger, r.status, r.accountsFailed])).toEqual([
      ["schedule", "partial", 2],
      ["schedule", "ok", 0],
      ["schedule", "error", 0],
      ["manual", "ok", 0],
      ["schedule", "ok", 0],
    ]);
    expect(runs[2]!.error).toBe(
      "Account discovery failed: organizations:ListAccounts returned AccessDeniedException (the hub role lacks " +
        "organizations:ListAccounts)",
    );
  });

  it("shows a snapshot whose stored JSON does not parse as that row's problem, not as a failed page", async () => {
    const account = [...profiles].reverse().find((p) => p.collection === "ok" && p !== ownTrail)!;
    const bad = await db.snapshot.create({
      data: {
        accountId: account.id,
        collectedAt: new Date(),
        status: "ok",
        state: { schemaVersion: 1, trails: "not a list" },
        errors: { not: "a list" },
      },
    });
    const [newest] = await getAccountHistory(account.id);
    expect(newest?.errors).toEqual([
      {
        service: "trailwarden",
        operation: "ReadSnapshot",
        kind: "other",
        code: "stored_json_invalid",
        message: `snapshots.errors of row ${bad.id} does not have the expected shape: (value): Invalid input: expected array, received object`,
      },
    ]);
    const trails = await readable(getAccountTrails(account.id));
    expect(trails.ok ? null : [trails.error.table, trails.error.column, trails.error.rowId]).toEqual([
      "snapshots",
      "state",
      bad.id,
    ]);
    await db.snapshot.delete({ where: { id: bad.id } });
  });
});
