// What the member account's CloudTrail learns about a session: the hub's sts:AssumeRole calls,
// recorded by a proxy in front of the simulator, carry `trailwarden-collect-<run>` for a
// collection and `trailwarden-remediate-<job>-<user>` with SourceIdentity = the user for a
// remediation; two users' jobs never share a session.
import { randomUUID } from "node:crypto";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSession } from "@/lib/aws/session-identity";
import { RunContext, settingsFromEnv } from "@/lib/collect/run-context";
import { getEnv } from "@/lib/config/env";
import { RemediationClients } from "@/lib/remediate/apply/remediation-clients";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";

const ACCOUNT = "456789012345";
let recorder: AwsProxy;
const assumed: Record<string, unknown>[] = [];

beforeAll(async () => {
  recorder = await startAwsProxy({
    target: process.env.AWS_ENDPOINT_URL!,
    interceptors: [
      {
        name: "record-assume-role",
        observe(call) {
          if (call.operation === "AssumeRole" && call.input) assumed.push(call.input);
        },
      },
    ],
  });
});

afterAll(async () => {
  await recorder?.stop();
});

describe("assumed-role sessions", () => {
  it("name the collection run", async () => {
    const runId = randomUUID();
    const ctx = new RunContext(
      { ...settingsFromEnv(getEnv()), endpoint: recorder.endpoint },
      {},
      collectSession(runId),
    );
    try {
      await ctx.init();
      await ctx.broker.assume(ACCOUNT);
    } finally {
      ctx.destroy();
    }
    const call = assumed.find((a) => a.RoleSessionName === `trailwarden-collect-${runId}`);
    expect(call).toBeDefined();
    expect(call!.SourceIdentity).toBeUndefined();
  });

  it("name the remediation job and its user, with SourceIdentity, one session per user", async () => {
    const jobA = randomUUID();
    const jobB = randomUUID();
    const alice = new RemediationClients({
      session: { jobId: jobA, user: "alice@example.com" },
      mutationsPerSecond: 50,
      endpoint: recorder.endpoint,
    });
    const bob = new RemediationClients({
      session: { jobId: jobB, user: "bob builder" },
      mutationsPerSecond: 50,
      endpoint: recorder.endpoint,
    });
    try {
      await alice.clients(ACCOUNT, "us-east-1").s3.send(new ListBucketsCommand({}));
      await bob.clients(ACCOUNT, "us-east-1").s3.send(new ListBucketsCommand({}));
    } finally {
      alice.destroy();
      bob.destroy();
    }
    const a = assumed.find((c) => String(c.RoleSessionName).startsWith(`trailwarden-remediate-${jobA}-`));
    const b = assumed.find((c) => String(c.RoleSessionName).startsWith(`trailwarden-remediate-${jobB}-`));
    expect(a).toMatchObject({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/TrailwardenRemediation`,
      SourceIdentity: "alice@example.com",
    });
    expect(String(a!.RoleSessionName).length).toBeLessThanOrEqual(64);
    expect(b?.SourceIdentity).toMatch(/^bob-builder\.[0-9a-f]{8}$/);
  });
});
