// The continuous watch end to end, against moto behind the simulator's proxy (which answers
// LookupEvents from the CloudTrail mutations it forwarded): a worker runs watch rounds every few
// seconds; a StopLogging, a narrowed selector and a deleted trail each reach the webhook receiver
// (a local HTTP server) naming account, trail and actor, and clear with a "resolved" message; a
// destination that is down is retried, then recorded as failed, without holding up the others.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CloudTrailClient,
  DeleteTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { runCollection } from "@/lib/collect/run-collection";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { startWorker, type WorkerHandle } from "@/lib/jobs/start-worker";
import { stopBoss } from "@/lib/queue/pg-boss";
import { createDestination } from "@/lib/alerts/manage-destinations";
import type { AlertPayload } from "@/lib/alerts/alert-payload";
import { managementClients, motoClientConfig } from "@/sim/aws-env";
import { SIM_EXTERNAL_ID } from "@/sim/create-access-roles";
import type { SimManifest, SimTrail } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

const INTERVAL = 4;
const SECRET = "test-hmac-secret";
const ENV_KEYS = [
  "TRAILWARDEN_EXTERNAL_ID",
  "TRAILWARDEN_SECURITYHUB",
  "TRAILWARDEN_AWS_MAX_ATTEMPTS",
  "TRAILWARDEN_WATCH_INTERVAL",
  "TRAILWARDEN_ALERT_WEBHOOK_URL",
  "TRAILWARDEN_ALERT_WEBHOOK_SECRET",
  "TRAILWARDEN_ALERT_RETRY_LIMIT",
  "TRAILWARDEN_ALERT_RETRY_DELAY",
];

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let receiver: http.Server;
let worker: WorkerHandle;
const received: { at: number; body: AlertPayload; signature: string; timestamp: string; raw: string }[] = [];
const admin = { type: "user" as const, id: "u-admin", name: "admin@example.com", role: "admin" as const };

function trailOf(accountName: string): SimTrail {
  const a = manifest.accounts.find((x) => x.name === accountName)!;
  return a.trails[0]!;
}

/** CloudTrail acting as "mallory", an assumed role in `accountId` (the actor the alerts must name). */
async function mallory(accountId: string, region: string): Promise<CloudTrailClient> {
  const endpoint = process.env.AWS_ENDPOINT_URL!;
  const mgmt = managementClients(endpoint);
  if (accountId === manifest.managementAccountId)
    await mgmt.iam
      .send(new CreateRoleCommand({ RoleName: "Admin", AssumeRolePolicyDocument: "{}" }))
      .catch(() => undefined);
  mgmt.destroy();
  const role = accountId === manifest.managementAccountId ? "Admin" : "OrganizationAccountAccessRole";
  const sts = new STSClient(motoClientConfig(endpoint));
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${role}`, RoleSessionName: "mallory" }),
  );
  sts.destroy();
  return new CloudTrailClient(
    motoClientConfig(
      endpoint,
      { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken },
      region,
    ),
  );
}

async function waitForMessage(
  match: (b: AlertPayload) => boolean,
  timeoutMs: number,
): Promise<(typeof received)[number]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = received.find((r) => match(r.body));
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`no matching webhook within ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => r.body))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(parts).toString("utf8");
      received.push({
        at: Date.now(),
        body: JSON.parse(raw) as AlertPayload,
        raw,
        signature: String(req.headers["x-trailwarden-signature"] ?? ""),
        timestamp: String(req.headers["x-trailwarden-timestamp"] ?? ""),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!);
  Object.assign(process.env, {
    TRAILWARDEN_EXTERNAL_ID: SIM_EXTERNAL_ID,
    TRAILWARDEN_SECURITYHUB: "off",
    TRAILWARDEN_AWS_MAX_ATTEMPTS: "2",
    TRAILWARDEN_WATCH_INTERVAL: String(INTERVAL),
    TRAILWARDEN_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    TRAILWARDEN_ALERT_WEBHOOK_SECRET: SECRET,
    TRAILWARDEN_ALERT_RETRY_LIMIT: "2",
    TRAILWARDEN_ALERT_RETRY_DELAY: "1",
  });
  resetEnvCache();
  // The baseline every later verdict is compared with.
  await runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });
  worker = await startWorker({ log: () => undefined, pollingIntervalSeconds: 0.5 });
});

/** Lets the work the last changes caused finish (collections, evidence reads, deliveries) before the database goes. */
async function settle(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await db.$queryRaw<{ busy: bigint }[]>`
      SELECT (SELECT count(*) FROM collection_runs WHERE status IN ('queued', 'running'))
           + (SELECT count(*) FROM pgboss.job WHERE state IN ('created', 'retry', 'active')
                AND name IN ('collect', 'collect-batch', 'evidence', 'alert-deliver', 'watch-batch')) AS busy`;
    if (Number(rows[0]?.busy ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

afterAll(async () => {
  process.env.TRAILWARDEN_WATCH_INTERVAL = "0";
  resetEnvCache();
  await settle();
  await worker?.stop();
  await stopBoss();
  for (const k of ENV_KEYS) delete process.env[k];
  resetEnvCache();
  await new Promise((r) => receiver.close(r));
  await fresh.drop();
});

describe("the watch and its alerts", () => {
  it("stopping the organization trail: FAILED verdicts and a signed webhook naming account, trail and actor within one interval", async () => {
    const org = manifest.accounts.find((a) => a.accountId === manifest.managementAccountId)!.trails[0]!;
    const ct = await mallory(manifest.managementAccountId, org.homeRegion);
    const stoppedAt = Date.now();
    await ct.send(new StopLoggingCommand({ Name: org.name }));
    const msg = await waitForMessage((b) => b.rule === "logging-stopped" && b.trailArn === org.arn, 60_000);
    const delay = msg.at - stoppedAt;
    expect(msg.body).toMatchObject({
      status: "firing",
      accountId: manifest.managementAccountId,
      controlId: null,
      actor: { arn: `arn:aws:sts::${manifest.managementAccountId}:assumed-role/Admin/mallory`, sourceIp: "127.0.0.1" },
    });
    expect(msg.body.summary).toMatch(/Logging stopped on trail/);
    expect(msg.body.url).toMatch(/\/alerts\?alert=/);
    expect(msg.signature).toBe(
      `sha256=${createHmac("sha256", SECRET).update(`${msg.timestamp}.${msg.raw}`).digest("hex")}`,
    );
    // A member that relied on the organization trail now fails CloudTrail.1, named with the actor.
    const alice = manifest.accounts.find((a) => a.name === "sandbox-alice")!;
    const failed = await waitForMessage(
      (b) => b.rule === "control-failed" && b.accountId === alice.accountId && b.controlId === "CloudTrail.1",
      30_000,
    );
    expect(failed.body.actor?.arn).toMatch(/assumed-role\/Admin\/mallory$/);
    const verdict = await db.controlResult.findFirst({
      where: { accountId: alice.accountId, controlId: "CloudTrail.1" },
      orderBy: { collectedAt: "desc" },
    });
    expect(verdict?.status).toBe("FAILED");
    // One alert per (rule, account, subject) while it fires: later rounds send nothing new.
    await new Promise((r) => setTimeout(r, (INTERVAL + 1) * 1000));
    expect(received.filter((r) => r.body.rule === "logging-stopped" && r.body.status === "firing")).toHaveLength(1);

    await ct.send(new StartLoggingCommand({ Name: org.name }));
    await waitForMessage(
      (b) => b.rule === "logging-stopped" && b.status === "resolved" && b.trailArn === org.arn,
      60_000,
    );
    await waitForMessage(
      (b) => b.rule === "control-failed" && b.status === "resolved" && b.accountId === alice.accountId,
      30_000,
    );
    ct.destroy();
    // Found by the watch, not by the next scheduled collection: within an interval plus the
    // collection, evaluation and delivery that follow (generous: this machine is shared; the
    // figure itself is measured by bench:watch).
    expect(delay).toBeLessThanOrEqual((INTERVAL + 30) * 1000);
  });

  it("narrowing the organization trail's selectors to write-only fails CloudTrail.1, then resolves", async () => {
    const org = manifest.accounts.find((a) => a.accountId === manifest.managementAccountId)!.trails[0]!;
    const alice = manifest.accounts.find((a) => a.name === "sandbox-alice")!;
    const ct = await mallory(manifest.managementAccountId, org.homeRegion);
    const before = received.length;
    await ct.send(
      new PutEventSelectorsCommand({
        TrailName: org.name,
        EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }],
      }),
    );
    const msg = await waitForMessage(
      (b) =>
        received.indexOf(received.find((r) => r.body === b)!) >= before &&
        b.rule === "control-failed" &&
        b.status === "firing" &&
        b.accountId === alice.accountId &&
        b.controlId === "CloudTrail.1",
      60_000,
    );
    expect(msg.body.summary).toMatch(/write-only|WriteOnly|write/i);
    expect(msg.body.actor?.arn).toMatch(/mallory$/);
    await ct.send(
      new PutEventSelectorsCommand({
        TrailName: org.name,
        EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }],
      }),
    );
    await waitForMessage(
      (b) =>
        b.rule === "control-failed" &&
        b.status === "resolved" &&
        b.accountId === alice.accountId &&
        received.filter((r) => r.body.rule === "control-failed" && r.body.status === "resolved").length >= 2,
      60_000,
    );
    ct.destroy();
  });

  it("a deleted trail alerts with its actor; a destination that is down is retried, then failed, and blocks nothing", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const downPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r)); // nothing listens there any more
    const down = await createDestination(
      { type: "webhook", name: "down", url: `http://127.0.0.1:${downPort}/hook` },
      admin,
    );

    const payments = manifest.accounts.find((a) => a.name === "payments-prod")!;
    const trail = trailOf("payments-prod");
    const ct = await mallory(payments.accountId, trail.homeRegion);
    await ct.send(new DeleteTrailCommand({ Name: trail.name }));
    const msg = await waitForMessage((b) => b.rule === "logging-stopped" && b.trailArn === trail.arn, 60_000);
    expect(msg.body).toMatchObject({
      status: "firing",
      accountId: payments.accountId,
      accountName: "payments-prod",
      actor: { arn: `arn:aws:sts::${payments.accountId}:assumed-role/OrganizationAccountAccessRole/mallory` },
    });
    expect(msg.body.summary).toMatch(/was deleted/);

    // The dead destination: 1 attempt + 2 retries (delays 1 s, 2 s with jitter), then failed for good.
    const deadline = Date.now() + 60_000;
    let row = await db.alertDelivery.findFirst({ where: { destinationId: down.id, alertId: msg.body.id } });
    while (row?.status !== "failed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      row = await db.alertDelivery.findFirst({ where: { destinationId: down.id, alertId: msg.body.id } });
    }
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row?.error).toMatch(/Could not reach 127\.0\.0\.1:\d+: ECONNREFUSED/);
    const envDelivery = await db.alertDelivery.findFirst({ where: { destinationId: "env", alertId: msg.body.id } });
    expect(envDelivery).toMatchObject({ status: "delivered", attempts: 1 });
    ct.destroy();
  });
});
