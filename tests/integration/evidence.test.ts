// The evidence read against moto through the simulator's proxy: records written in AWS's format by
// the simulator (signed digests, log files), read back, validated and stored. One account per case,
// read together, then the incremental read, the throttled listing and an endpoint without
// ListPublicKeys on their own.
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsFromEnv } from "@/lib/collect/run-context";
import { getEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import { buildCoverageReport } from "@/lib/coverage/build-report";
import { readEvidence } from "@/lib/evidence/read-evidence";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";
import { faultInterceptor } from "@/sim/proxy/faults";
import { SimKeyring } from "@/sim/signing-keys";
import { writeBackfillDigest } from "@/sim/write-backfill-digest";
import { writeTrailRecord, type TrailRecordSpec, type WrittenRecord } from "@/sim/write-trail-record";
import { createBucket, evidenceTrail, insertSnapshot, s3In } from "./support/evidence-fixtures";
import { useFreshDatabase } from "./support/test-database";

const FROM = new Date("2026-06-01T00:00:00Z");
const TO = new Date("2026-06-04T00:00:00Z");
const NOW = new Date("2026-06-04T00:30:00Z");
const ORG = "o-evidence01";
const LOG_ARCHIVE = "400000000001";
const at = (s: string) => new Date(`2026-06-0${s}Z`);

const A = {
  clean: "400000000010",
  gap: "400000000011",
  missing: "400000000012",
  tampered: "400000000013",
  logFiles: "400000000014",
  rotation: "400000000015",
  member: "400000000016",
  prefix: "400000000017",
  midway: "400000000018",
  regions: "400000000019",
  backfill: "400000000020",
};
// What an account reports as enabled (an emulator reports every region it knows): most hold no record.
const ENABLED = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "ap-south-1",
];

const keys = new SimKeyring(new Date("2026-01-01T00:00:00Z"));
const written = new Map<string, WrittenRecord>();

async function seed(endpoint: string, accountId: string, spec: Partial<TrailRecordSpec>, owner = accountId) {
  const s3 = await s3In(endpoint, owner);
  const bucket = spec.bucket ?? `trail-${accountId}`;
  if (owner === accountId || !spec.bucket) await createBucket(s3, bucket).catch(() => undefined);
  const record = await writeTrailRecord(s3, keys, {
    bucket,
    accountId,
    region: "us-east-1",
    trailName: "main",
    homeRegion: "us-east-1",
    from: FROM,
    to: TO,
    ...spec,
  });
  written.set(accountId, record);
  return { s3, bucket, record };
}

async function issues(accountId: string) {
  return db.evidenceIssue.findMany({ where: { accountId }, orderBy: { key: "asc" } });
}
async function intervals(accountId: string) {
  return db.evidenceInterval.findMany({ where: { accountId }, orderBy: { startAt: "asc" } });
}

describe("evidence: reading and validating the delivered record", () => {
  let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
  let endpoint: string;
  let summary: Awaited<ReturnType<typeof readEvidence>>;
  let missingKey: string;
  let tamperedKey: string;
  let modifiedLog: string;
  let deletedLog: string;

  beforeAll(async () => {
    fresh = await useFreshDatabase();
    process.env.TRAILWARDEN_EVIDENCE_HORIZON_DAYS = "3";
    endpoint = process.env.AWS_ENDPOINT_URL!;
    keys.keyAt("us-east-1", FROM);

    await seed(endpoint, A.clean, {});
    await seed(endpoint, A.gap, { stops: [{ from: at("2T10:00:00"), to: at("2T13:00:00") }] });
    const missing = await seed(endpoint, A.missing, {});
    missingKey = missing.record.digestKeys[30]!;
    await missing.s3.send(new DeleteObjectCommand({ Bucket: missing.bucket, Key: missingKey }));
    const tampered = await seed(endpoint, A.tampered, { tamperAt: [at("3T07:00:00")] });
    tamperedKey = tampered.record.tamperedKeys[0]!;
    const logs = await seed(endpoint, A.logFiles, {});
    modifiedLog = logs.record.logFileKeys[10]!;
    deletedLog = logs.record.logFileKeys[20]!;
    await logs.s3.send(
      new PutObjectCommand({ Bucket: logs.bucket, Key: modifiedLog, Body: gzipSync('{"Records":[]}') }),
    );
    await logs.s3.send(new DeleteObjectCommand({ Bucket: logs.bucket, Key: deletedLog }));
    keys.rotate("us-east-1", at("2T12:00:00"));
    await seed(endpoint, A.rotation, {});
    // The organization trail delivers to the log-archive account's bucket, under AWSLogs/<o-id>/<member>/.
    const archive = await s3In(endpoint, LOG_ARCHIVE);
    await createBucket(archive, "org-archive");
    await seed(endpoint, A.member, { bucket: "org-archive", organizationId: ORG, trailName: "org-trail" }, LOG_ARCHIVE);
    await seed(endpoint, A.prefix, { keyPrefix: "audit/ct" });
    await seed(endpoint, A.midway, { validationFrom: at("2T09:00:00") });
    // A multi-region trail in an account with eight enabled regions, delivering in two of them.
    await seed(endpoint, A.regions, {});
    await seed(endpoint, A.regions, { region: "eu-west-1" });
    await seed(endpoint, A.backfill, {});
    await keys.register(endpoint);

    const own = (id: string, extra = {}) =>
      insertSnapshot(id, NOW, [evidenceTrail(id, "main", `trail-${id}`, extra)], [{ name: `trail-${id}`, owner: id }]);
    for (const id of [A.clean, A.gap, A.missing, A.tampered, A.logFiles, A.rotation]) await own(id);
    await own(A.prefix, { s3KeyPrefix: "audit/ct" });
    await own(A.midway);
    await own(A.backfill);
    await insertSnapshot(
      A.regions,
      NOW,
      [evidenceTrail(A.regions, "main", `trail-${A.regions}`, { isMultiRegionTrail: true })],
      [{ name: `trail-${A.regions}`, owner: A.regions }],
      ORG,
      ENABLED,
    );
    const orgTrail = evidenceTrail("111111111111", "org-trail", "org-archive", {
      isOrganizationTrail: true,
      appliesVia: "organization",
    });
    await insertSnapshot(A.member, NOW, [orgTrail], [{ name: "org-archive", owner: LOG_ARCHIVE }], ORG);

    summary = await readEvidence({ now: NOW, logFiles: false });
    await readEvidence({ now: NOW, accountIds: [A.logFiles], since: FROM, logFiles: true });
  });
  afterAll(async () => {
    delete process.env.TRAILWARDEN_EVIDENCE_HORIZON_DAYS;
    await fresh.drop();
  });

  it("validates a clean chain: every hour proved, no finding", async () => {
    expect(summary.signaturesUnverifiable).toBe(false);
    expect(summary.errors).toEqual([]);
    expect(await issues(A.clean)).toEqual([]);
    const [only, ...rest] = await intervals(A.clean);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: "digests", files: 72 });
    expect(only!.startAt.toISOString()).toBe("2026-06-01T00:01:31.000Z");
    expect(only!.endAt.toISOString()).toBe("2026-06-04T00:01:31.000Z");
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.clean, kind: "digests" } });
    expect(stream).toMatchObject({ digests: 72, valid: 72, lastKey: written.get(A.clean)!.digestKeys.at(-1) });
  });

  it("dates a stop to the hour from the restarted chain", async () => {
    const found = await issues(A.gap);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ reason: "missing_hours" });
    expect(found[0]!.startAt!.toISOString()).toBe("2026-06-02T10:01:31.000Z");
    expect(found[0]!.endAt!.toISOString()).toBe("2026-06-02T13:01:31.000Z");
    expect((await intervals(A.gap)).map((i) => i.kind)).toEqual(["digests", "digests"]);
  });

  it("names a digest missing inside the chain", async () => {
    const found = await issues(A.missing);
    expect(found.map((i) => [i.reason, i.key])).toEqual([["missing_digest", missingKey]]);
    expect((found[0]!.endAt!.getTime() - found[0]!.startAt!.getTime()) / 3_600_000).toBe(1);
  });

  it("names a tampered digest as an invalid signature, without blaming its successor", async () => {
    const found = await issues(A.tampered);
    expect(found.map((i) => [i.reason, i.key])).toEqual([["invalid_signature", tamperedKey]]);
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.tampered, kind: "digests" } });
    expect(stream).toMatchObject({ digests: 72, valid: 71 });
    expect(await intervals(A.tampered)).toHaveLength(2);
  });

  it("finds a modified and a missing log file when log files are verified", async () => {
    const found = await issues(A.logFiles);
    expect(found.map((i) => [i.reason, i.key]).sort()).toEqual(
      [
        ["missing_log_file", deletedLog],
        ["modified_log_file", modifiedLog],
      ].sort(),
    );
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.logFiles, kind: "digests" } });
    expect(stream.logFilesChecked).toBe(72);
  });

  it("verifies digests signed before and after a key rotation", async () => {
    expect(await issues(A.rotation)).toEqual([]);
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.rotation, kind: "digests" } });
    expect(stream.valid).toBe(72);
  });

  it("reads an organization trail's member prefix in the log-archive account's bucket", async () => {
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.member, kind: "digests" } });
    expect(stream).toMatchObject({ bucket: "org-archive", bucketOwner: LOG_ARCHIVE, valid: 72 });
    expect(stream.folder).toBe(`AWSLogs/${ORG}/${A.member}/CloudTrail-Digest/us-east-1/`);
    expect(await issues(A.member)).toEqual([]);
  });

  it("honours a custom S3 key prefix", async () => {
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.prefix, kind: "digests" } });
    expect(stream.folder).toBe(`audit/ct/AWSLogs/${A.prefix}/CloudTrail-Digest/us-east-1/`);
    expect(stream.valid).toBe(72);
  });

  it("uses log files before validation was switched on and digests after", async () => {
    const found = await intervals(A.midway);
    expect(found.map((i) => [i.kind, i.startAt.toISOString(), i.endAt.toISOString()])).toEqual([
      ["log-files", "2026-06-01T00:00:00.000Z", "2026-06-02T09:01:31.000Z"],
      ["digests", "2026-06-02T09:01:31.000Z", "2026-06-04T00:01:31.000Z"],
    ]);
    expect(await issues(A.midway)).toEqual([]);
  });

  it("fires the integrity-failure alert for the tampered digest's trail", async () => {
    const alerts = await db.alert.findMany({ where: { ruleId: "integrity-failure" } });
    expect(alerts.map((a) => a.accountId).sort()).toEqual([A.missing, A.tampered, A.logFiles].sort());
    expect(alerts.find((a) => a.accountId === A.tampered)!.summary).toContain(tamperedKey);
  });

  it("puts the record into the coverage report: proved hours, gaps dated by digests, integrity by key", async () => {
    // The worker refreshes rollups after each collection; here the test does it as the worker would.
    const report = await buildCoverageReport({ from: "2026-06-01", to: "2026-06-03", now: NOW, refresh: true });
    const region = (id: string) => report.accounts.find((a) => a.accountId === id)!.regions[0]!;
    expect(region(A.clean)).toMatchObject({ evidence: "digests", integrity: { digests: 72, valid: 72, invalid: [] } });
    expect(region(A.clean).gaps.map((g) => [g.cause, g.start, g.end, g.boundedBy])).toEqual([
      ["no_evidence", "2026-06-01T00:00:00.000Z", "2026-06-01T00:01:31.000Z", "snapshots"],
    ]);
    expect(region(A.gap).gaps.map((g) => [g.cause, g.start, g.end, g.boundedBy])).toContainEqual([
      "no_digest",
      "2026-06-02T10:01:31.000Z",
      "2026-06-02T13:01:31.000Z",
      "digests",
    ]);
    expect(region(A.gap).integrity.missingHours).toEqual([
      { start: "2026-06-02T10:01:31.000Z", end: "2026-06-02T13:01:31.000Z" },
    ]);
    expect(region(A.tampered).integrity.invalid).toEqual([{ key: tamperedKey, reason: "invalid_signature" }]);
    expect(region(A.logFiles).integrity).toMatchObject({
      logFilesChecked: 72,
      logFilesMissing: [deletedLog],
      logFilesModified: [modifiedLog],
    });
    // The log files checked are the period's (24 an hour's digest each day), not the stream's 72.
    const oneDay = await buildCoverageReport({
      from: "2026-06-02",
      to: "2026-06-02",
      now: NOW,
      accountIds: [A.logFiles],
    });
    expect(oneDay.accounts[0]!.regions[0]!.integrity.logFilesChecked).toBe(24);
    expect(region(A.midway).evidence).toBe("digests");
    // Log files up to the first digest, digests after: no seam between the two.
    expect(region(A.midway).gaps).toEqual([]);
    expect(report.summary.record.assumptions.join(" ")).toContain("as first observed");
    expect(report.summary.record.integrityFailures).toBe(4);
  });

  it("reads one more hour with two S3 calls per account-region", async () => {
    const s3: S3Client = await s3In(endpoint, A.clean);
    await writeTrailRecord(s3, keys, {
      bucket: `trail-${A.clean}`,
      accountId: A.clean,
      region: "us-east-1",
      trailName: "main",
      homeRegion: "us-east-1",
      from: TO,
      to: new Date(TO.getTime() + 3_600_000),
      logFilesPerHour: 1,
    });
    // The chain continues from the stored tip: the new digest links to the last one read.
    const more = await readEvidence({ now: new Date(NOW.getTime() + 3_600_000), accountIds: [A.clean] });
    expect(more).toMatchObject({ digests: 1, valid: 1, s3Calls: 2 });
    expect(await issues(A.clean)).toEqual([]);
    const all = await intervals(A.clean);
    expect(all).toHaveLength(1);
    expect(all[0]!.endAt.toISOString()).toBe("2026-06-04T01:01:31.000Z");
  });

  it("reads only the regions whose folder holds a record, found by one delimited listing", async () => {
    const streams = await db.evidenceStream.findMany({ where: { accountId: A.regions }, orderBy: { region: "asc" } });
    expect(streams.map((s) => [s.region, s.kind, s.valid])).toEqual([
      ["eu-west-1", "digests", 72],
      ["us-east-1", "digests", 72],
    ]);
    // The regions without digests might hold log files (validation off): their root is scanned too.
    const scans = await db.evidenceFolderScan.findMany({ where: { accountId: A.regions } });
    expect(scans.map((s) => [s.prefix, [...s.regions].sort()]).sort()).toEqual([
      [`AWSLogs/${A.regions}/CloudTrail-Digest/`, ["eu-west-1", "us-east-1"]],
      [`AWSLogs/${A.regions}/CloudTrail/`, ["eu-west-1", "us-east-1"]],
    ]);
    // One more hour in both regions, and a third region starts delivering (quiet hours, no log files).
    const s3 = await s3In(endpoint, A.regions);
    const hour = { from: TO, to: new Date(TO.getTime() + 3_600_000) };
    const base = { bucket: `trail-${A.regions}`, accountId: A.regions, trailName: "main", homeRegion: "us-east-1" };
    for (const region of ["us-east-1", "eu-west-1"]) await writeTrailRecord(s3, keys, { ...base, region, ...hour });
    await writeTrailRecord(s3, keys, {
      ...base,
      region: "ap-south-1",
      from: new Date(TO.getTime() - 3_600_000),
      to: hour.to,
      logFilesPerHour: 0,
    });
    await keys.register(endpoint);
    const more = await readEvidence({ now: new Date(NOW.getTime() + 3_600_000), accountIds: [A.regions] });
    // The scans lacked planned regions, so both roots are asked again (2 calls): the new region is
    // read at once (1 LIST + 2 GETs), the others at 1 LIST + 1 GET each.
    expect(more).toMatchObject({ streams: 3, digests: 4, valid: 4, s3Calls: 9, errors: [] });
    const regions = await db.evidenceStream.findMany({ where: { accountId: A.regions }, select: { region: true } });
    expect(regions.map((r) => r.region).sort()).toEqual(["ap-south-1", "eu-west-1", "us-east-1"]);
  });

  it("reads backfill digests delivered after the hours they belong to, once each", async () => {
    const s3 = await s3In(endpoint, A.backfill);
    const base = {
      bucket: `trail-${A.backfill}`,
      accountId: A.backfill,
      region: "us-east-1",
      trailName: "main",
      homeRegion: "us-east-1",
      generatedAt: new Date(NOW.getTime() + 1_800_000),
    };
    // Both sort before the last key read: a listing after it alone would never see them.
    const late = await writeBackfillDigest(s3, keys, { ...base, hour: at("3T05:00:00"), logFiles: 2 });
    const forged = await writeBackfillDigest(s3, keys, { ...base, hour: at("3T09:00:00"), tamper: true });
    const stream = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.backfill, kind: "digests" } });
    expect(late.key < stream.lastKey! && forged.key < stream.lastKey!).toBe(true);
    const later = new Date(NOW.getTime() + 3_600_000);
    const read = await readEvidence({ now: later, accountIds: [A.backfill], logFiles: true });
    // One listing, two digests, the valid one's two log files.
    expect(read).toMatchObject({ digests: 2, valid: 1, logFilesChecked: 2, s3Calls: 5, errors: [] });
    expect((await issues(A.backfill)).map((i) => [i.reason, i.key])).toEqual([["invalid_signature", forged.key]]);
    // The hours stay proved by the chain itself: a backfill adds no interval and moves no tip.
    expect(await intervals(A.backfill)).toHaveLength(1);
    const after = await db.evidenceStream.findFirstOrThrow({ where: { accountId: A.backfill, kind: "digests" } });
    expect(after.lastKey).toBe(stream.lastKey);
    const again = await readEvidence({ now: later, accountIds: [A.backfill], logFiles: true });
    expect(again).toMatchObject({ digests: 0, s3Calls: 1 });
  });

  describe("through a second proxy", () => {
    let proxy: AwsProxy;
    afterAll(async () => proxy?.stop());

    it("rides out a throttled S3 listing with backoff and reads the same chain", async () => {
      const faults = faultInterceptor();
      let n = 0;
      faults.setRules([{ fault: "throttle", service: "s3", probability: 1 }]);
      // Throttle every other listing call (ListObjectsV2 is a GET on the bucket with list-type=2).
      const listing = {
        name: "throttle-listing",
        intercept: (call: Parameters<NonNullable<typeof faults.intercept>>[0]) =>
          call.service === "s3" && call.url.includes("list-type=2") && n++ % 2 === 0
            ? faults.intercept!(call, undefined as never)
            : undefined,
      };
      proxy = await startAwsProxy({ target: endpoint, interceptors: [listing] });
      const out = await readEvidence({
        now: NOW,
        accountIds: [A.rotation],
        since: FROM,
        settings: { ...settingsFromEnv(getEnv()), endpoint: proxy.endpoint, maxAttempts: 4 },
        clientOptions: { retryBaseDelayMs: 5, throttleBaseDelayMs: 5 },
      });
      expect(faults.stats.faults).toBeGreaterThan(0);
      expect(out.errors).toEqual([]);
      expect(out).toMatchObject({ digests: 72, valid: 72 });
    });

    it("calls signatures unverifiable where ListPublicKeys is not implemented, never valid", async () => {
      await proxy.stop();
      proxy = await startAwsProxy({
        target: endpoint,
        interceptors: [
          {
            name: "no-list-public-keys",
            // What moto 5.2 answers for an operation it lacks: an HTML error page.
            intercept: (call) =>
              call.operation === "ListPublicKeys"
                ? {
                    status: 500,
                    headers: { "content-type": "text/html" },
                    body: "<!doctype html><html><title>500 Internal Server Error</title></html>",
                  }
                : undefined,
          },
        ],
      });
      const out = await readEvidence({
        now: NOW,
        accountIds: [A.prefix],
        since: FROM,
        settings: { ...settingsFromEnv(getEnv()), endpoint: proxy.endpoint, maxAttempts: 1 },
      });
      expect(out).toMatchObject({ signaturesUnverifiable: true, digests: 72, valid: 0, unverifiable: 72 });
      expect((await intervals(A.prefix)).map((i) => i.kind)).toEqual(["unverified"]);
    });
  });
});
