// Remediation against the simulated organization (moto) and real PostgreSQL, without the
// organization trail so that every member shows its seeded bad state: apply each account's plan,
// then check the end state independently with the SDK (not with our collector or evaluator);
// a second apply changes nothing; a worker killed mid-apply resumes without duplicates; a step
// denied by IAM stops the job and a retry continues from that step; the central bucket's policy is
// merged; mutating calls keep to 1 per second per account and region.
import { DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeMetricFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateKeyCommand, ListKeysCommand, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { GetBucketPolicyCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { runCollection } from "@/lib/collect/run-collection";
import { db } from "@/lib/db";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { computeCurrentPlan } from "@/lib/remediate/plan/plan-remediation";
import { RemediationClients, type ClientProvider, type RecordedCall } from "@/lib/remediate/apply/remediation-clients";
import { retryRemediation } from "@/lib/remediate/apply/retry-remediation";
import { runRemediation, type StepEvent } from "@/lib/remediate/apply/run-remediation";
import type { SimManifest } from "@/sim/manifest";
import { setConsistency } from "@/sim/proxy/eventual-consistency";
import { seedOrganization } from "@/sim/seed-organization";
import { SdkChecker } from "./remediate-end-state";
import { useFreshDatabase } from "./support/test-database";

const principal = { ...cliPrincipal("it"), email: "engineer@example.com" };
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let checker: SdkChecker;
let endpoint: string;

const idOf = (name: string) => manifest.accounts.find((a) => a.name === name)!.accountId;

async function applyNow(accountId: string): Promise<string> {
  const applied = await applyRemediation({ accountId, principal, enqueue: false });
  expect(applied.status).toBe("queued");
  return applied.jobId;
}

/** Wraps the real clients: `operation` answers AccessDenied, as an IAM policy without it would. */
function denying(operation: string): ClientProvider & { calls: RecordedCall[] } {
  const inner = new RemediationClients({
    session: { jobId: "it-denying", user: principal.email },
    mutationsPerSecond: 10,
  });
  const denied = Object.assign(new Error(`User is not authorized to perform ${operation}`), {
    name: "AccessDeniedException",
    $metadata: { httpStatusCode: 403 },
  });
  return {
    calls: inner.calls,
    clients(accountId, region) {
      const set = inner.clients(accountId, region);
      return new Proxy(set, {
        get(target, service: string) {
          const client = Reflect.get(target, service) as { send(cmd: object): Promise<unknown> };
          return new Proxy(client, {
            get(c, prop) {
              if (prop !== "send") return Reflect.get(c, prop, c);
              return (cmd: object) =>
                cmd.constructor.name === `${operation}Command` ? Promise.reject(denied) : c.send(cmd);
            },
          });
        },
      });
    },
  };
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  endpoint = process.env.AWS_ENDPOINT_URL!;
  manifest = await seedOrganization(endpoint, { organizationTrail: false });
  process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL = "secops@example.com";
  const summary = await runCollection({ trigger: "cli" });
  expect(summary.counts.error).toBe(0);
  checker = new SdkChecker(endpoint, manifest);
  // A customer key whose policy does not delegate to IAM: the remediation role may not even list its
  // tags, and the key lookup must step over it (the account has no key of ours yet).
  const bob = idOf("sandbox-bob");
  await (
    await checker.clients(bob)
  ).kms.send(
    new CreateKeyCommand({
      Description: "a customer's key, not delegated to IAM",
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${bob}:role/OrganizationAccountAccessRole` },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    }),
  );
  // As on a real account: new roles and trust policies take a moment, KMS tag changes minutes, to
  // affect authorization (docs/aws-preconditions.md).
  await setConsistency(endpoint, { roleSeconds: 2, tagSeconds: 300 });
});

afterAll(async () => {
  if (endpoint) await setConsistency(endpoint, { roleSeconds: 0, tagSeconds: 0 });
  checker?.destroy();
  delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
  await fresh?.drop();
});

describe("remediation against the simulated organization", () => {
  it("merges the new trail's statements into the central bucket's policy, keeping the old ones", async () => {
    const central = { name: manifest.centralBucketName, owner: manifest.logArchiveAccountId };
    Object.assign(process.env, {
      TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET: central.name,
      TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET_ACCOUNT: central.owner,
      TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND: "10",
    });
    const s3 = (await checker.clients(central.owner)).s3;
    const before = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: central.name }))).Policy!);
    try {
      const account = idOf("sandbox-alice");
      const jobId = await applyNow(account);
      expect(await runRemediation(jobId)).toBe("succeeded");
      const after = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: central.name }))).Policy!);
      for (const old of before.Statement) expect(after.Statement).toContainEqual(old);
      const write = after.Statement.find((s: { Sid?: string }) => s.Sid === "TrailwardenCloudTrailWrite");
      expect(write.Condition.StringEquals["aws:SourceAccount"]).toContain(account);
      expect(write.Condition.ArnLike["aws:SourceArn"]).toBe("arn:aws:cloudtrail:*:*:trail/trailwarden-cloudtrail");
      const own = await checker.ownTrails(account);
      expect(own.map((t) => t.S3BucketName)).toEqual([central.name]);
    } finally {
      delete process.env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET;
      delete process.env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET_ACCOUNT;
    }
  });

  it("resumes a job whose worker died mid-apply without creating anything twice", async () => {
    const account = idOf("log-archive");
    const jobId = await applyNow(account);
    const crashAt = (operation: string) => (e: StepEvent) => {
      // Dies after AWS answered but before the outcome was recorded: the worst moment.
      if (e.phase === "executed" && e.step.operation === operation)
        throw new Error(`simulated crash after ${operation}`);
    };
    await expect(runRemediation(jobId, { onStep: crashAt("CreateKey") })).rejects.toThrow(/simulated crash/);
    expect((await db.remediationJob.findUnique({ where: { id: jobId } }))!.status).toBe("running");
    await expect(runRemediation(jobId, { onStep: crashAt("CreateTrail") })).rejects.toThrow(/simulated crash/);
    await expect(runRemediation(jobId, { onStep: crashAt("PutMetricFilter") })).rejects.toThrow(/simulated crash/);
    expect(await runRemediation(jobId)).toBe("succeeded");

    const c = await checker.clients(account);
    const trails = (await c.cloudtrail.send(new DescribeTrailsCommand({}))).trailList ?? [];
    expect(trails.filter((t) => t.Name === "trailwarden-cloudtrail")).toHaveLength(1);
    let tagged = 0;
    for (const key of (await c.kms.send(new ListKeysCommand({}))).Keys ?? []) {
      const tags = (await c.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags ?? [];
      if (tags.some((t) => t.TagKey === "trailwarden:alias")) tagged += 1;
    }
    expect(tagged).toBe(1);
    const filters =
      (await c.logs.send(new DescribeMetricFiltersCommand({ logGroupName: "trailwarden-cloudtrail" }))).metricFilters ??
      [];
    expect(filters).toHaveLength(14);
    const steps = await db.remediationStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);
    expect(steps.find((s) => s.operation === "CreateKey")!.attempts).toBe(2);
  });

  it("stops on AccessDenied with a clear error, and a retry continues from that step", async () => {
    const account = idOf("security-tooling");
    const jobId = await applyNow(account);
    expect(await runRemediation(jobId, { provider: denying("CreateTrail") })).toBe("failed");
    const job = (await db.remediationJob.findUnique({
      where: { id: jobId },
      include: { steps: { orderBy: { index: "asc" } } },
    }))!;
    const failed = job.steps.find((s) => s.status === "failed")!;
    expect(failed.operation).toBe("CreateTrail");
    expect(failed.error).toMatch(
      /^Access denied: cloudtrail:CreateTrail in \d{12}\/us-east-1 \(AccessDeniedException\)\. The remediation role/,
    );
    expect(job.error).toMatch(
      new RegExp(`^Step ${failed.index + 1} \\(Create trail trailwarden-cloudtrail\\) failed: Access denied`),
    );
    expect(job.steps.slice(0, failed.index).every((s) => s.status === "succeeded")).toBe(true);
    expect(job.steps.slice(failed.index + 1).every((s) => s.status === "pending")).toBe(true);

    const retry = await retryRemediation({ jobId, principal, enqueue: false });
    expect(retry.fromStep).toBe(failed.index + 1);
    expect(await runRemediation(jobId)).toBe("succeeded");
    const steps = await db.remediationStep.findMany({ where: { jobId }, orderBy: { index: "asc" } });
    expect(steps.slice(0, failed.index).every((s) => s.attempts === 1)).toBe(true);
    expect(steps[failed.index]!.attempts).toBe(2);
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);
  });

  it("brings every seeded account to the end state, checked independently with the SDK", async () => {
    delete process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND; // the real quota: 1 per second
    const done = new Set([idOf("sandbox-alice"), idOf("log-archive"), idOf("security-tooling")]);
    const results = await Promise.all(
      manifest.accounts
        .filter((a) => !done.has(a.accountId))
        .map(async (a) => {
          const applied = await applyRemediation({ accountId: a.accountId, principal, enqueue: false });
          const status = applied.status === "queued" ? await runRemediation(applied.jobId) : applied.status;
          return { name: a.name, status, jobId: applied.jobId };
        }),
    );
    expect(results.filter((r) => r.status !== "succeeded")).toEqual([]);
    for (const a of manifest.accounts) {
      const report = await checker.check(a.accountId);
      expect(report.problems, `${a.name} (${a.state})`).toEqual([]);
    }
    // The identity account's S3 data-event selector is still there, untouched.
    const identity = await checker.clients(idOf("identity-prod"));
    const { GetEventSelectorsCommand } = await import("@aws-sdk/client-cloudtrail");
    const sel = await identity.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: "identity-prod-trail" }));
    expect(
      sel.AdvancedEventSelectors?.find((s) => s.Name === "S3 object events for user uploads")?.FieldSelectors,
    ).toEqual([
      { Field: "eventCategory", Equals: ["Data"] },
      { Field: "resources.type", Equals: ["AWS::S3::Object"] },
      { Field: "resources.ARN", StartsWith: [`arn:aws:s3:::user-uploads-${idOf("identity-prod")}/`] },
    ]);

    // Mutating calls of one account and region are at least a second apart (docs/controls.md quota).
    const master = results.find((r) => r.name === manifest.accounts[0]!.name)!;
    const steps = await db.remediationStep.findMany({ where: { jobId: master.jobId } });
    const times = steps
      .flatMap((s) =>
        ((s.output as { calls?: RecordedCall[] } | null)?.calls ?? []).filter(
          (c) => c.mutating && c.region === "us-east-1" && c.accountId === manifest.managementAccountId,
        ),
      )
      .map((c) => Date.parse(c.at))
      .sort((x, y) => x - y);
    expect(times.length).toBeGreaterThan(20);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
  }, 600_000);

  it("a second apply changes nothing: every plan is empty and no resource is added", async () => {
    const before = await Promise.all(
      manifest.accounts.map((a) => checker.ownTrails(a.accountId).then((t) => t.length)),
    );
    await runCollection({ trigger: "cli" });
    for (const a of manifest.accounts) {
      const { plan } = await computeCurrentPlan(a.accountId);
      expect(plan.steps, a.name).toEqual([]);
      const applied = await applyRemediation({ accountId: a.accountId, principal, enqueue: false });
      expect(applied.status).toBe("succeeded");
    }
    const after = await Promise.all(manifest.accounts.map((a) => checker.ownTrails(a.accountId).then((t) => t.length)));
    expect(after).toEqual(before);
    const audit = await db.auditEvent.groupBy({
      by: ["action"],
      _count: true,
      where: { action: { startsWith: "remediation." } },
    });
    expect(Object.fromEntries(audit.map((r) => [r.action, r._count]))).toMatchObject({
      "remediation.plan": expect.any(Number),
      "remediation.apply": expect.any(Number),
    });
  }, 300_000);
});
