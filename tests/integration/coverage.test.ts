// Coverage against real PostgreSQL: snapshots in, rollups and gaps rebuilt, the report read back
// with the same exact figures as the in-memory unit tests; incremental rebuilds equal full ones;
// the CLI export writes its files, a checkable manifest and an audit event.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as reportCoverage } from "@/cli/commands/report-coverage";
import { db } from "@/lib/db";
import type { EvidenceSnapshot } from "@/lib/coverage/build-intervals";
import { buildCoverageReport } from "@/lib/coverage/build-report";
import { checkCoverageSchema } from "@/lib/coverage/check-coverage-schema";
import { rebuildCoverage, refreshCoverage } from "@/lib/coverage/rebuild-coverage";
import { readGapEvents } from "@/lib/coverage/read-gap-events";
import { renderGapsCsv } from "@/lib/coverage/render-csv";
import { every, orgTrail, ORG_TRAIL_ARN, snapshot, trail } from "../unit/coverage/history";
import { useFreshDatabase } from "./support/test-database";

const MEMBER = "333333333333";
const OWNER = "222222222222";
const NOW = new Date("2025-04-01T00:00:00Z");

async function insertSnapshots(accountId: string, snapshots: EvidenceSnapshot[]): Promise<void> {
  await db.snapshot.createMany({
    data: snapshots.map((s) => ({
      accountId,
      collectedAt: new Date(s.collectedAt),
      status: s.status,
      state: (s.state ?? {}) as object,
    })),
  });
}

async function storedRows(accountId: string) {
  const days = await db.$queryRaw<unknown[]>`
    SELECT region, day::text, recorded_seconds, partial_seconds, not_recorded_seconds, unknown_seconds, causes
    FROM coverage_days WHERE account_id = ${accountId} ORDER BY region, day`;
  const gaps = await db.$queryRaw<unknown[]>`
    SELECT region, start_at, end_at, state, cause, start_bound, end_bound
    FROM coverage_gaps WHERE account_id = ${accountId} ORDER BY region, start_at`;
  return { days, gaps };
}

const restarted = trail({}, { stopLoggingTime: "2025-03-05T05:30:00Z", startLoggingTime: "2025-03-05T06:30:00Z" });
const ownerHistory = [
  ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [trail()], { accountId: OWNER }),
  ...every(4, "2025-03-05T08:00:00Z", "2025-03-15T00:00:00Z", [restarted], { accountId: OWNER }),
];
const memberHistory = every(4, "2025-02-20T00:00:00Z", "2025-03-15T00:00:00Z", [orgTrail()], { accountId: MEMBER });

describe("coverage in PostgreSQL", () => {
  let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
  beforeAll(async () => {
    fresh = await useFreshDatabase();
    await checkCoverageSchema();
    await db.awsAccount.createMany({
      data: [
        { id: "111111111111", name: "Management", isManagement: true },
        { id: OWNER, name: "Owner of a trail" },
        { id: MEMBER, name: "Member" },
      ],
    });
    await insertSnapshots(MEMBER, memberHistory);
    // The owner's history arrives in two parts, to exercise the incremental rebuild.
    await insertSnapshots(
      OWNER,
      ownerHistory.filter((s) => String(s.collectedAt) < "2025-03-05T02:00:00Z"),
    );
  });
  afterAll(async () => fresh.drop());

  it("rebuilds from snapshots and reports exact figures", async () => {
    const first = await rebuildCoverage();
    expect(first).toMatchObject({ accounts: 2, full: 2, incremental: 0 });
    await insertSnapshots(
      OWNER,
      ownerHistory.filter((s) => String(s.collectedAt) >= "2025-03-05T02:00:00Z"),
    );
    expect(await refreshCoverage()).toMatchObject({ accounts: 1, full: 0, incremental: 1 });

    const report = await buildCoverageReport({ from: "2025-03-01", to: "2025-03-10", now: NOW });
    // The management account has no snapshots and was first seen after the period: left out.
    expect(report.accounts.map((a) => [a.accountId, a.recordedPct])).toEqual([
      [OWNER, 99.58],
      [MEMBER, 100],
    ]);
    const owner = report.accounts[0]!;
    expect(owner.regions.map((r) => r.region)).toEqual(["eu-west-1", "us-east-1"]);
    expect(owner.regions[1]).toEqual({
      region: "us-east-1",
      recordedPct: 99.58,
      partialPct: 0,
      notRecordedPct: 0.42,
      unknownPct: 0,
      gaps: [
        {
          start: "2025-03-05T05:30:00.000Z",
          end: "2025-03-05T06:30:00.000Z",
          cause: "logging_stopped",
          durationSeconds: 3600,
          boundedBy: "aws",
          actor: null,
        },
      ],
      evidence: "snapshots",
      integrity: {
        digests: 0,
        valid: 0,
        invalid: [],
        missingHours: [],
        logFilesChecked: 0,
        logFilesMissing: [],
        logFilesModified: [],
      },
    });
    // The day rollups hold the same seconds the report derived from the gaps.
    const [days] = await db.$queryRaw<{ recorded: number; not_recorded: number }[]>`
      SELECT sum(recorded_seconds)::int AS recorded, sum(not_recorded_seconds)::int AS not_recorded FROM coverage_days
      WHERE account_id = ${OWNER} AND region = 'us-east-1' AND day BETWEEN '2025-03-01' AND '2025-03-10'`;
    expect(days).toEqual({ recorded: 864_000 - 3600, not_recorded: 3600 });
    expect(report.summary).toMatchObject({
      organization: { id: "o-example", managementAccountId: "111111111111", name: "Management" },
      accounts: 2,
    });
  });

  it("an incremental rebuild writes the same rows as a full one", async () => {
    const incremental = await storedRows(OWNER);
    expect(await rebuildCoverage({ onlyStale: true })).toMatchObject({ accounts: 0 });
    await rebuildCoverage({ accountIds: [OWNER] });
    expect(await storedRows(OWNER)).toEqual(incremental);
  });

  it("exports CSV with a manifest sha256sum can check, and records the export", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tw-coverage-"));
    try {
      const out = path.join(dir, "coverage.csv");
      expect(await reportCoverage({ from: "2025-03-01", to: "2025-03-10", format: "csv", out })).toBe(0);
      const sums = readFileSync(`${out}.sha256`, "utf8").trim().split("\n");
      expect(sums.map((l) => l.split("  ")[1])).toEqual([
        "coverage.csv",
        "coverage-gaps.csv",
        "coverage-integrity.csv",
      ]);
      for (const line of sums) {
        const [digest, name] = line.split("  ");
        expect(
          createHash("sha256")
            .update(readFileSync(path.join(dir, name!)))
            .digest("hex"),
        ).toBe(digest);
      }
      const csv = readFileSync(out, "utf8").trim().split("\n");
      expect(csv[0]).toBe(
        "account_id,account_name,region,recorded_pct,partial_pct,not_recorded_pct,unknown_pct,gap_count,evidence," +
          "digests,digests_valid,digests_invalid,missing_digest_hours,log_files_checked,log_files_missing,log_files_modified," +
          "period_from,period_to",
      );
      expect(csv).toContain(
        `${OWNER},Owner of a trail,us-east-1,99.58,0,0.42,0,1,snapshots,0,0,0,0,0,0,0,2025-03-01T00:00:00.000Z,2025-03-11T00:00:00.000Z`,
      );
      const gaps = readFileSync(path.join(dir, "coverage-gaps.csv"), "utf8");
      expect(gaps).toContain(
        `${OWNER},Owner of a trail,us-east-1,2025-03-05T05:30:00.000Z,2025-03-05T06:30:00.000Z,3600,not_recorded,logging_stopped,Logging stopped,aws`,
      );
      const events = await db.auditEvent.findMany({ where: { action: "report.export" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ target: "coverage", actorType: "system", outcome: "success" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a bad period with a clear message", async () => {
    await expect(
      reportCoverage({ from: "2025-02-30", to: "2025-03-10", format: "json", out: "/tmp/x.json" }),
    ).rejects.toThrow(/from: 2025-02-30 is not a calendar date/);
    await expect(
      reportCoverage({ from: "2025-03-10", to: "2025-03-01", format: "json", out: "/tmp/x.json" }),
    ).rejects.toThrow(/from: 2025-03-10 is after to \(2025-03-01\)/);
    await expect(
      reportCoverage({ from: "2023-01-01", to: "2025-03-01", format: "json", out: "/tmp/x.json" }),
    ).rejects.toThrow(/at most 400 days/);
  });
  it("names who stopped the trail on the gap, from the event history the watch stored", async () => {
    const bob = "arn:aws:iam::222222222222:user/bob";
    const mallory = "arn:aws:sts::111111111111:assumed-role/Admin/mallory";
    const base = { region: "us-east-1", errorCode: null, readAt: new Date() };
    // The management account's snapshot before the events says which of its trails is the organization's.
    await insertSnapshots("111111111111", [
      snapshot(
        "2025-03-01T00:00:00Z",
        [orgTrail(), trail({ arn: "arn:aws:cloudtrail:us-east-1:111111111111:trail/local" })],
        {
          accountId: "111111111111",
        },
      ),
    ]);
    await db.trailEvent.createMany({
      data: [
        {
          ...base,
          eventId: "e-stop",
          accountId: OWNER,
          eventName: "StopLogging",
          eventTime: new Date("2025-03-05T05:30:00Z"),
          actorArn: bob,
          sourceIp: "203.0.113.7",
          trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
          requestParameters: { name: "main" },
        },
        // Refused by CloudTrail: stopped nothing.
        {
          ...base,
          eventId: "e-denied",
          accountId: OWNER,
          eventName: "StopLogging",
          eventTime: new Date("2025-03-05T05:29:50Z"),
          actorArn: "arn:aws:iam::222222222222:user/eve",
          sourceIp: "198.51.100.1",
          trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
          errorCode: "AccessDenied",
        },
        {
          ...base,
          eventId: "e-org",
          accountId: "111111111111",
          eventName: "PutEventSelectors",
          eventTime: new Date("2025-03-07T00:00:00Z"),
          actorArn: mallory,
          sourceIp: null,
          trailArn: ORG_TRAIL_ARN,
        },
        {
          ...base,
          eventId: "e-local",
          accountId: "111111111111",
          eventName: "StopLogging",
          eventTime: new Date("2025-03-07T00:00:00Z"),
          actorArn: mallory,
          sourceIp: null,
          trailArn: "arn:aws:cloudtrail:us-east-1:111111111111:trail/local",
        },
      ],
    });
    const from = Date.parse("2025-03-01T00:00:00Z") / 1000;
    const events = await readGapEvents(from, from + 10 * 86_400);
    expect(events.map((e) => [e.eventName, e.trailArn?.split("/")[1], e.organization]).sort()).toEqual([
      ["PutEventSelectors", "org-trail", true],
      ["StopLogging", "local", false],
      ["StopLogging", "main", false],
    ]);

    const report = await buildCoverageReport({ from: "2025-03-01", to: "2025-03-10", now: NOW });
    const owner = report.accounts.find((a) => a.accountId === OWNER)!;
    for (const r of owner.regions)
      expect(r.gaps).toEqual([
        expect.objectContaining({
          start: "2025-03-05T05:30:00.000Z",
          cause: "logging_stopped",
          actor: {
            arn: bob,
            sourceIp: "203.0.113.7",
            eventTime: "2025-03-05T05:30:00.000Z",
            eventName: "StopLogging",
            trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
          },
        }),
      ]);
    expect(report.summary.longestGap?.actor?.arn).toBe(bob);
    expect(renderGapsCsv(report).split("\n")[1]).toMatch(
      /,logging_stopped,Logging stopped,aws,arn:aws:iam::222222222222:user\/bob,203\.0\.113\.7,StopLogging,2025-03-05T05:30:00\.000Z\r?$/,
    );
  });
});
