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
    expect(err.s).toMatch(/^[pfwnxE]+$/);
    const part = m.rows.find((r) => r.id === partial.id)!;
    expect(part.s[6]).toMatch(/[pfwnxE]/); // CloudTrail.7 could not be read
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
    expect(row.s).not.toMatch(/[PFWNX]/);
    const v = await getVerdict(target.id, "CloudTrail.3");
    expect(v.status).toBe("ERROR");
    expect(v.stale?.status).toBeDefined();
    expect(v.reason).toContain("AccessDenied");
    const reasons = await getMatrixReasons([target.id]);
    expect(reasons[target.id]?.["CloudTrail.3"]?.r).toContain("latest collection failed");
    expect(reasons[target.id]?.["CloudTrail.3"]?.sr).toBeTruthy();
  });

  it("returns reasons for a window of rows", async () => {
    const ids = profiles.slice(0, 10).map((p) => p.id);
    const reasons = await getMatrixReasons(ids);
    const collected = profiles.slice(0, 10).filter((p) => p.collection !== "never");
    expect(Object.keys(reasons).sort()).toEqual(collected.map((p) => p.id).sort());
    expect(Object.keys(reasons[ids[0]!]!)).toHaveLength(23);
    expect(reasons[errored.id] ?? reasons[ids[0]!]).toBeDefined();
  });

  it("opens one verdict with evidence, Security Hub and reconciliation in words", async () => {
    const v = await getVerdict(ownTrail.id, "CloudTrail.1");
    expect(v.account.name).toBe(ownTrail.name);
    expect(v.control.title.length).toBeGreaterThan(10);
    expect(v.evidence.length).toBeGreaterThan(0);
    expect(v.reconciliationText.length).toBeGreaterThan(10);
    const e = await getVerdict(errored.id, "CloudTrail.1");
    expect(e.status).toBe("ERROR");
    expect(e.stale).not.toBeNull();
    await expect(getVerdict(ownTrail.id, "CloudTrail.8")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVerdict("999999999999", "CloudTrail.1")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("aggregates the trend from history and coverage from CoverageDay, else from the verdicts", async () => {
    const trend = await getPostureTrend();
    expect(trend.length).toBeGreaterThanOrEqual(7);
    for (const p of trend) expect(p.passingShare).toBeGreaterThanOrEqual(0);
    const fromDays = await getCoverageShare();
    expect(fromDays.source).toBe("coverage-days");
    await db.coverageDay.deleteMany({});
    const estimated = await getCoverageShare();
    expect(estimated.source).toBe("latest-verdicts");
    if (estimated.source === "latest-verdicts") expect(estimated.evaluated).toBeGreaterThan(0);
  });

  it("lists, filters, sorts and pages accounts", async () => {
    const all = await listAccounts(accountListParams.parse({}));
    expect(all.total).toBe(N);
    expect(all.rows.map((r) => r.name)).toEqual([...all.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    const prod = await listAccounts(accountListParams.parse({ ou: "Root/Workloads" }));
    expect(prod.rows.every((r) => r.ouPath.startsWith("Root/Workloads"))).toBe(true);
    const worst = await listAccounts(accountListParams.parse({ sort: "failing" }));
    expect(worst.rows[0]!.failing).toBeGreaterThanOrEqual(worst.rows[worst.rows.length - 1]!.failing);
    expect((await listAccounts(accountListParams.parse({ q: ownTrail.id }))).rows.map((r) => r.id)).toEqual([
      ownTrail.id,
    ]);
  });

  it("gives the account page its sections", async () => {
    const summary = await getAccountSummary(ownTrail.id);
    expect(summary?.counts.PASSED).toBeGreaterThan(0);
    const trails = await getAccountTrails(ownTrail.id);
    expect(trails?.trails.map((t) => t.creditedFromOrganization).sort()).toEqual([false, true]);
    expect(trails?.trails.every((t) => t.selectors.length > 0)).toBe(true);
    const verdicts = await getAccountVerdicts(ownTrail.id);
    expect(verdicts).toHaveLength(23);
    expect(verdicts[0]!.controlId).toBe("CloudTrail.1");
    const timeline = await getAccountTimeline(ownTrail.id);
    expect(timeline).toHaveLength(7);
    expect(timeline.every((p) => p.passed + p.failed + p.errors + p.other === 23)).toBe(true);
    expect((await getAccountHistory(ownTrail.id)).length).toBeGreaterThan(1);
    expect(Array.isArray(await getAccountFindings(ownTrail.id))).toBe(true);
    expect(await getAccountSummary("999999999999")).toBeNull();
  });

  it("reports collection runs and their problems", async () => {
    const latest = await getLatestCollectionView();
    expect(latest?.runId).toBe(latestRunId);
    expect(latest?.active).toBe(false);
    const view = await getCollectionView(latestRunId);
    expect(view?.problems.some((p) => p.accountId === errored.id && p.status === "error")).toBe(true);
    const runs = await listCollectionRuns(10);
    expect(runs).toHaveLength(5);
    expect(runs.some((r) => r.status === "error" && r.error)).toBe(true);
  });
});
