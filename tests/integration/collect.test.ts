// Collection against the simulated organization (moto) and a real PostgreSQL: every account is
// collected, the state each account was seeded with is in its snapshot, and each failure AWS can
// throw at us (AccessDenied on an account or a call, a region that refuses the credentials,
// throttling, a call that never answers) ends where the user will see it, through a fault proxy.
// Assumes the integration global setup: AWS_ENDPOINT_URL (moto) and a template database
// (TRAILWARDEN_TEST_DATABASE_URL) cloned per file.
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";
import { faultInterceptor, type FaultInterceptor } from "@/sim/proxy/faults";
import { runCollection, type RunCollectionOptions, type RunSummary } from "@/lib/collect/run-collection";
import type { CollectionSettings } from "@/lib/collect/run-context";
import type { AccountSnapshotState, TrailState } from "@/lib/collect/snapshot-types";
import { getCollectionProgress } from "@/lib/read-models/get-collection-progress";
import { db } from "@/lib/db";
import { assumeRoleCredentials, motoClientConfig } from "@/sim/aws-env";
import { CIS_FILTERS } from "@/sim/cis-patterns";
import { READ_ONLY_ROLE, SIM_EXTERNAL_ID } from "@/sim/create-access-roles";
import type { SimManifest, SimTrail } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let moto: string;

function settings(endpoint: string, overrides: Partial<CollectionSettings> = {}): CollectionSettings {
  return {
    endpoint,
    primaryRegion: "us-east-1",
    discovery: "organizations",
    roleName: READ_ONLY_ROLE,
    externalId: SIM_EXTERNAL_ID,
    securityHub: { mode: "aggregator", accountId: manifest.securityHubAdminAccountId, region: "us-east-1" },
    concurrency: 8,
    maxAttempts: 4,
    timeoutMs: 5_000,
    ...overrides,
  };
}

function collect(
  endpoint: string,
  overrides: Partial<CollectionSettings> = {},
  extra: Partial<RunCollectionOptions> = {},
): Promise<RunSummary> {
  return runCollection({
    trigger: "cli",
    settings: settings(endpoint, overrides),
    clientOptions: { retryBaseDelayMs: 5, throttleBaseDelayMs: 10 },
    ...extra,
  });
}

async function snapshotOf(runId: string, accountId: string) {
  const s = await db.snapshot.findFirstOrThrow({ where: { runId, accountId } });
  return { ...s, state: s.state as unknown as AccountSnapshotState };
}

const idOf = (name: string) => manifest.accounts.find((a) => a.name === name)!.accountId;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  moto = process.env.AWS_ENDPOINT_URL!;
  manifest = await seedOrganization(moto);
});
afterAll(async () => fresh.drop());

function expectTrailAsSeeded(t: TrailState, seed: SimTrail, state: AccountSnapshotState) {
  expect(t).toMatchObject({
    arn: seed.arn,
    homeRegion: seed.homeRegion,
    ownerAccountId: seed.ownerAccountId,
    isMultiRegionTrail: seed.isMultiRegionTrail,
    logFileValidationEnabled: seed.logFileValidationEnabled,
    isOrganizationTrail: seed.isOrganizationTrail,
  });
  expect(t.status?.isLogging).toBe(seed.isLogging);
  expect(Boolean(t.kmsKeyId)).toBe(Boolean(seed.kmsKeyArn));
  expect(t.cloudWatchLogsLogGroupArn ?? null).toBe(seed.logGroupArn);
  expect(t.tags).toEqual(seed.tags);
  const sel = t.eventSelectors!;
  const fields = (sel.advanced ?? []).flatMap((a) => a.fieldSelectors);
  switch (seed.selectors) {
    case "basic: ReadWriteType=All":
    case "basic: ReadWriteType=WriteOnly":
      expect(sel.basic?.[0]).toMatchObject({
        readWriteType: seed.selectors.endsWith("All") ? "All" : "WriteOnly",
        includeManagementEvents: true,
      });
      break;
    case "advanced: eventCategory=Management":
      expect(fields).toContainEqual({ field: "eventCategory", equals: ["Management"] });
      expect(fields.some((f) => f.field === "readOnly")).toBe(false);
      break;
    case "advanced: eventCategory=Management, readOnly=false":
      expect(fields).toContainEqual({ field: "readOnly", equals: ["false"] });
      break;
    case "default (unset)":
      expect([...(sel.basic ?? []), ...(sel.advanced ?? [])]).toEqual([]);
      break;
  }
  if (seed.hasDataEventSelectors)
    expect(fields.some((f) => f.field === "eventCategory" && f.equals?.includes("Data"))).toBe(true);

  const bucket = state.buckets[seed.bucketName]!;
  const seededBucket = manifest.buckets.find((b) => b.name === seed.bucketName)!;
  expect(bucket).toMatchObject({ ownerAccountId: seed.bucketOwnerAccountId, readStatus: "ok" });
  expect(bucket.accessLogging?.enabled).toBe(seededBucket.accessLogging);
  expect(Object.values(bucket.publicAccessBlock!).every(Boolean)).toBe(seededBucket.publicAccessBlock);

  if (seed.logGroupArn) {
    const group = state.logGroups[seed.logGroupArn]!;
    expect(group.readStatus).toBe("ok");
    for (const control of seed.cisControlsCovered) {
      const cis = CIS_FILTERS.find((f) => f.controlId === control)!;
      const filter = group.metricFilters.find((f) => f.pattern === cis.pattern);
      expect(filter, `${seed.name}: filter for ${control}`).toBeDefined();
      const alarm = group.alarms.find((a) => a.metricName === filter!.metricTransformations[0]!.metricName);
      expect(alarm, `${seed.name}: alarm for ${control}`).toBeDefined();
      const topic = group.topics.find((tp) => alarm!.alarmActions.includes(tp.arn));
      expect(topic?.subscriptionCount).toBeGreaterThan(0);
    }
  }
}

describe("collection of the simulated organization", () => {
  let run: RunSummary;
  beforeAll(async () => {
    // An account that has left the organization since the last discovery.
    await db.awsAccount.create({ data: { id: "000000000001", name: "departed" } });
    run = await collect(moto);
  });

  it("collects every account with status ok and records the run", async () => {
    expect(run.status).toBe("ok");
    expect(run.accountsTotal).toBe(manifest.accounts.length);
    expect(run.counts).toEqual({ ok: manifest.accounts.length, partial: 0, error: 0, skipped: 0 });
    const progress = (await getCollectionProgress(run.runId))!;
    expect(progress).toMatchObject({
      status: "ok",
      accountsDone: manifest.accounts.length,
      accountsTotal: manifest.accounts.length,
      accountsFailed: 0,
      problems: [],
    });
    expect(progress.apiCalls).toBe(run.apiCalls);
    expect(progress.apiCallsByOp["cloudtrail:ListTrails"]).toBe(manifest.accounts.length);
    expect(await db.collectionRunAccount.count({ where: { runId: run.runId, status: "ok" } })).toBe(
      manifest.accounts.length,
    );
  });

  it("discovers accounts with their OU path and marks the one that left", async () => {
    const accounts = await db.awsAccount.findMany();
    for (const a of manifest.accounts)
      expect(accounts.find((x) => x.id === a.accountId)).toMatchObject({
        name: a.name,
        ouPath: a.ouPath,
        status: "ACTIVE",
        isManagement: a.accountId === manifest.managementAccountId,
      });
    expect(accounts.find((x) => x.id === "000000000001")).toMatchObject({
      status: "LEFT",
      removedAt: expect.any(Date),
    });
  });

  it("shows every seeded state in the snapshots", async () => {
    const orgTrail = manifest.accounts
      .find((a) => a.accountId === manifest.managementAccountId)!
      .trails.find((t) => t.isOrganizationTrail)!;
    for (const account of manifest.accounts) {
      const { status, state } = await snapshotOf(run.runId, account.accountId);
      expect(status, account.name).toBe("ok");
      expect(state.organization).toEqual({
        id: manifest.organizationId,
        managementAccountId: manifest.managementAccountId,
      });
      const owned = state.trails.filter((t) => t.appliesVia === "owned");
      expect(owned.map((t) => t.arn).sort(), account.name).toEqual(account.trails.map((t) => t.arn).sort());
      for (const seed of account.trails)
        expectTrailAsSeeded(
          owned.find((t) => t.arn === seed.arn)!,
          seed,
          state,
        );
      if (account.accountId !== manifest.managementAccountId) {
        const credited = state.trails.filter((t) => t.appliesVia === "organization");
        expect(credited.map((t) => t.arn)).toEqual([manifest.organizationTrailArn]);
        expectTrailAsSeeded(credited[0]!, orgTrail, state);
      }
      // moto has no CloudTrail Lake: unknown, not "none".
      expect(state.eventDataStores).toBeNull();
    }
  });

  it("stores Security Hub's ACTIVE family findings and no others", async () => {
    const active = manifest.securityHubFindings.filter((f) => f.recordState === "ACTIVE");
    const rows = await db.securityHubFinding.findMany();
    expect(rows.map((r) => r.id).sort()).toEqual(active.map((f) => f.id).sort());
    const sample = active[0]!;
    expect(rows.find((r) => r.id === sample.id)).toMatchObject({
      accountId: sample.accountId,
      controlId: sample.controlId,
      complianceStatus: sample.complianceStatus,
      recordState: "ACTIVE",
    });
  });

  it("appends a new snapshot per account on the next run and keeps the previous", async () => {
    const again = await collect(moto);
    expect(again.status).toBe("ok");
    const id = idOf("payments-prod");
    expect(await db.snapshot.count({ where: { accountId: id } })).toBe(2);
  });
});

describe("failures", () => {
  let server: AwsProxy;
  let proxy: FaultInterceptor & { endpoint: string };
  beforeAll(async () => {
    const faults = faultInterceptor();
    server = await startAwsProxy({ target: moto, interceptors: [faults] });
    proxy = Object.assign(faults, { endpoint: server.endpoint });
  });
  afterAll(async () => server.stop());

  it("AccessDenied on AssumeRole gives that account an error snapshot; the others are collected; the last good one stays", async () => {
    const denied = idOf("orders-dev");
    proxy.setRules([{ fault: "access_denied", operation: "AssumeRole", accountId: denied }]);
    const run = await collect(proxy.endpoint);
    proxy.setRules([]);
    expect(run.status).toBe("partial");
    expect(run.counts).toMatchObject({ error: 1, ok: manifest.accounts.length - 1 });
    const snap = await snapshotOf(run.runId, denied);
    expect(snap.status).toBe("error");
    expect(snap.error).toMatch(/^AccessDenied on sts:AssumeRole/);
    expect(snap.state.errors).toContainEqual(
      expect.objectContaining({ operation: "AssumeRole", kind: "access_denied" }),
    );
    const history = await db.snapshot.findMany({
      where: { accountId: denied },
      orderBy: { collectedAt: "asc" },
      select: { status: true },
    });
    expect(history.map((h) => h.status).slice(0, -1)).toContain("ok");
    const progress = (await getCollectionProgress(run.runId))!;
    expect(progress.accountsFailed).toBe(1);
    expect(progress.problems).toEqual([expect.objectContaining({ accountId: denied, status: "error" })]);
  });

  it("AccessDenied on one call makes a partial snapshot naming the call", async () => {
    const account = idOf("payments-dev");
    proxy.setRules([{ fault: "access_denied", operation: "GetTrailStatus", accountId: account }]);
    const run = await collect(proxy.endpoint, {}, { accountIds: [account] });
    proxy.setRules([]);
    const snap = await snapshotOf(run.runId, account);
    expect(snap.status).toBe("partial");
    expect(snap.error).toContain("AccessDeniedException on cloudtrail:GetTrailStatus");
    expect(snap.state.trails.find((t) => t.appliesVia === "owned")!.status).toBeNull();
  });

  it("throttling is retried; throttling that never ends is recorded as throttled", async () => {
    proxy.setThrottleRate(0.3);
    const retried = await collect(proxy.endpoint, { maxAttempts: 8 });
    expect(retried.counts.ok).toBe(manifest.accounts.length);
    expect(retried.throttled).toBeGreaterThan(0);

    proxy.setThrottleRate(0);
    const account = idOf("identity-prod");
    proxy.setRules([{ fault: "throttle", operation: "GetEventSelectors", accountId: account }]);
    const run = await collect(proxy.endpoint, { maxAttempts: 3 }, { accountIds: [account] });
    proxy.setRules([]);
    const snap = await snapshotOf(run.runId, account);
    expect(snap.status).toBe("partial");
    expect(snap.state.errors).toContainEqual(
      expect.objectContaining({ operation: "GetEventSelectors", kind: "throttled", code: "ThrottlingException" }),
    );
  });

  it("a call that never answers is a timeout, not a hung run", async () => {
    const account = idOf("ml-dev");
    proxy.setRules([{ fault: "timeout", operation: "ListTags", accountId: account }]);
    const run = await collect(proxy.endpoint, { timeoutMs: 500, maxAttempts: 2 }, { accountIds: [account] });
    proxy.setRules([]);
    const snap = await snapshotOf(run.runId, account);
    expect(snap.status).toBe("partial");
    expect(snap.state.errors).toContainEqual(expect.objectContaining({ operation: "ListTags", kind: "timeout" }));
    expect(snap.state.trails.find((t) => t.appliesVia === "owned")!.tags).toBeNull();
  });

  it("a region that refuses the credentials is recorded as disabled; the rest of the account is read", async () => {
    const account = idOf("shared-services");
    const creds = await assumeRoleCredentials(moto, account);
    const eu = new CloudTrailClient(motoClientConfig(moto, creds, "eu-west-1"));
    // Multi-region: moto lists only trails homed in, or shadowed into, the region asked.
    await eu.send(
      new CreateTrailCommand({ Name: "eu-trail", S3BucketName: manifest.centralBucketName, IsMultiRegionTrail: true }),
    );
    eu.destroy();
    proxy.setRules([{ fault: "unrecognized_client", region: "eu-west-1" }]);
    const run = await collect(proxy.endpoint, { regions: ["us-east-1", "eu-west-1"] }, { accountIds: [account] });
    proxy.setRules([]);
    const snap = await snapshotOf(run.runId, account);
    expect(snap.status).toBe("partial");
    expect(snap.state.errors.filter((e) => e.region === "eu-west-1").every((e) => e.kind === "region_disabled")).toBe(
      true,
    );
    expect(snap.state.errors.some((e) => e.operation === "DescribeTrails" && e.region === "eu-west-1")).toBe(true);
    expect(snap.state.regions).toEqual([
      { region: "us-east-1", status: "enabled" },
      { region: "eu-west-1", status: "disabled" },
    ]);
    expect(snap.state.unreadTrails).toEqual([expect.objectContaining({ name: "eu-trail", homeRegion: "eu-west-1" })]);
    expect(snap.state.trails.some((t) => t.name === "shared-services-trail" && t.status?.isLogging)).toBe(true);
  });
});
