// Honest outcomes and event-selector shapes, against the simulated organization (moto through the
// simulator proxy) and real PostgreSQL:
// - with no alarm destination the plan asks for one instead of creating an unsubscribed topic; the
//   applied job ends "needs-attention" with the action spelled out and `remediate` exits 2; with
//   --alarm-email it ends verified (exit 0); a step denied by IAM exits 1;
// - every event-selector shape AWS allows (data events only, several basic selectors, an exclusion,
//   advanced selectors mixing data and management) is fixed end to end: data selectors kept
//   exactly, a management selector added or widened, verified by the collector and by the SDK.
import {
  GetEventSelectorsCommand,
  PutEventSelectorsCommand,
  type PutEventSelectorsCommandInput,
} from "@aws-sdk/client-cloudtrail";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as remediateCli } from "@/cli/commands/remediate";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { resetEnvCache } from "@/lib/config/env";
import { runCollection } from "@/lib/collect/run-collection";
import { db } from "@/lib/db";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { getFailingBurnDown } from "@/lib/read-models/get-failing-burn-down";
import { listRemediationJobs } from "@/lib/read-models/list-remediation-jobs";
import { computeCurrentPlan } from "@/lib/remediate/plan/plan-remediation";
import { runRemediation } from "@/lib/remediate/apply/run-remediation";
import type { Verification } from "@/lib/remediate/verify/verify-fix";
import type { SimManifest } from "@/sim/manifest";
import { startAwsProxy } from "@/sim/proxy/aws-proxy";
import { faultInterceptor } from "@/sim/proxy/faults";
import { seedOrganization } from "@/sim/seed-organization";
import { SdkChecker } from "./remediate-end-state";
import { useFreshDatabase } from "./support/test-database";

const principal = { ...cliPrincipal("it"), email: "engineer@example.com" };
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let checker: SdkChecker;

const idOf = (name: string) => manifest.accounts.find((a) => a.name === name)!.accountId;
const recollect = async (...names: string[]) =>
  runCollection({ trigger: "cli", accountIds: names.map(idOf), onSnapshotStored: await loadEvaluationHook() });

/** Runs `npx trailwarden remediate` in this process and returns its exit code and what it printed. */
async function cli(options: Parameters<typeof remediateCli>[0]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const code = await remediateCli(options);
    return { code, out: lines.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!, { organizationTrail: false });
  delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
  process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND = "10";
  const summary = await runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });
  expect(summary.counts.error).toBe(0);
  checker = new SdkChecker(process.env.AWS_ENDPOINT_URL!, manifest);
});

afterAll(async () => {
  checker?.destroy();
  delete process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND;
  await fresh?.drop();
});

describe("honest outcomes", () => {
  it("asks for an alarm destination, applies the rest and ends 'needs-attention' with exit code 2", async () => {
    const account = idOf("sandbox-alice");
    const { plan } = await computeCurrentPlan(account);
    expect(plan.notes.map((n) => n.code)).toContain("alarm-destination-needed");
    expect(plan.steps.map((s) => s.operation)).not.toContain("CreateTopic");

    const dry = await cli({ account, dryRun: true });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("Plan again with --alarm-email EMAIL or --alarm-topic-arn ARN");

    const applied = await cli({ account, apply: true, yes: true });
    expect(applied.out).toContain("applied — needs attention");
    expect(applied.out).toMatch(/Left to a person:\n\s+→ The CIS alarms need someone to notify/);
    expect(applied.code).toBe(2);
    const job = await db.remediationJob.findFirst({
      where: { accountId: account, mode: "apply" },
      orderBy: { createdAt: "desc" },
    });
    expect(job!.status).toBe("needs-attention");
    expect(job!.error).toBeNull();
    const v = job!.verification as unknown as Verification;
    expect(v.outcome).toBe("needs attention");
    expect(v.failing.every((f) => f.controlId.startsWith("CloudWatch."))).toBe(true);
    expect(v.actions).toEqual([{ controls: v.failing.map((f) => f.controlId), action: expect.any(String) }]);
    // No topic was created that nobody would read.
    const sns = (await checker.clients(account)).sns;
    expect(((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn)).toEqual([]);
  });

  it("finishes the same account with --alarm-email: verified, exit code 0", async () => {
    const account = idOf("sandbox-alice");
    const { code, out } = await cli({ account, apply: true, yes: true, alarmEmail: "secops@example.com" });
    expect(out).toContain("Verification: logging, validated, alarming");
    expect(code).toBe(0);
    expect((await checker.check(account)).problems).toEqual([]);
  });

  it("rejects a bad --alarm-topic-arn naming the flag", async () => {
    await expect(cli({ account: idOf("sandbox-bob"), alarmTopicArn: "arn:aws:s3:::bucket" })).rejects.toThrow(
      /--alarm-topic-arn must be an SNS topic ARN/,
    );
  });

  it("exits 1 when a step fails", async () => {
    const faults = faultInterceptor();
    const proxy = await startAwsProxy({ target: process.env.AWS_ENDPOINT_URL!, interceptors: [faults] });
    const direct = process.env.AWS_ENDPOINT_URL!;
    faults.setRules([{ fault: "access_denied", operation: "UpdateTrail", accountId: idOf("sandbox-bob") }]);
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    resetEnvCache();
    try {
      const { code, out } = await cli({ account: idOf("sandbox-bob"), apply: true, yes: true, alarmEmail: "a@b.co" });
      expect(out).toMatch(/✕ .*Access denied: cloudtrail:UpdateTrail/);
      expect(code).toBe(1);
    } finally {
      process.env.AWS_ENDPOINT_URL = direct;
      resetEnvCache();
      await proxy.stop();
    }
  });

  it("counts needs-attention jobs as applied on the managers' page and in the burn-down", async () => {
    const jobs = await listRemediationJobs({ accountId: idOf("sandbox-alice") });
    expect(jobs.map((j) => [j.status, j.outcome])).toEqual([
      ["succeeded", "logging, validated, alarming"],
      ["needs-attention", "applied; 1 action left to a person"],
    ]);
    const failed = (await listRemediationJobs({ accountId: idOf("sandbox-bob") }))[0]!;
    expect(failed.status).toBe("failed");
    expect((await getFailingBurnDown(1)).at(-1)!.remediations).toBe(2);
  });
});

const S3_DATA = (bucket: string) => ({ Type: "AWS::S3::Object", Values: [`arn:aws:s3:::${bucket}/`] });

const SHAPES: Record<string, (bucket: string) => Omit<PutEventSelectorsCommandInput, "TrailName">> = {
  "a basic selector for S3 data events only (management events off)": (b) => ({
    EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [S3_DATA(b)] }],
  }),
  "several basic selectors, management events read-only": (b) => ({
    EventSelectors: [
      { ReadWriteType: "WriteOnly", IncludeManagementEvents: false, DataResources: [S3_DATA(b)] },
      { ReadWriteType: "ReadOnly", IncludeManagementEvents: true, DataResources: [] },
    ],
  }),
  "a management selector excluding KMS events": () => ({
    EventSelectors: [
      {
        ReadWriteType: "All",
        IncludeManagementEvents: true,
        DataResources: [],
        ExcludeManagementEventSources: ["kms.amazonaws.com"],
      },
    ],
  }),
  "advanced selectors mixing data and write-only management": (b) => ({
    AdvancedEventSelectors: [
      {
        Name: "uploads",
        FieldSelectors: [
          { Field: "eventCategory", Equals: ["Data"] },
          { Field: "resources.type", Equals: ["AWS::S3::Object"] },
          { Field: "resources.ARN", StartsWith: [`arn:aws:s3:::${b}/`] },
        ],
      },
      {
        Name: "writes",
        FieldSelectors: [
          { Field: "eventCategory", Equals: ["Management"] },
          { Field: "readOnly", Equals: ["false"] },
        ],
      },
    ],
  }),
  "advanced data selectors only": (b) => ({
    AdvancedEventSelectors: [
      {
        Name: "uploads",
        FieldSelectors: [
          { Field: "eventCategory", Equals: ["Data"] },
          { Field: "resources.type", Equals: ["AWS::S3::Object"] },
          { Field: "resources.ARN", StartsWith: [`arn:aws:s3:::${b}/`] },
        ],
      },
    ],
  }),
};

describe("event-selector shapes, applied end to end", () => {
  const trailName = "orders-dev-trail";
  const bucket = "orders-uploads";

  beforeAll(async () => {
    // The account's other problems are fixed first, so each shape's plan is its selector step alone.
    const applied = await applyRemediation({
      accountId: idOf("orders-dev"),
      principal,
      enqueue: false,
      overrides: { alarmEmail: "secops@example.com" },
    });
    expect(await runRemediation(applied.jobId)).toBe("succeeded");
  });

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: keeps the data selectors exactly and logs all management events`, async () => {
      const account = idOf("orders-dev");
      const { cloudtrail } = await checker.clients(account);
      const input = shape(bucket);
      await cloudtrail.send(new PutEventSelectorsCommand({ TrailName: trailName, ...input }));
      await recollect("orders-dev");
      const { plan } = await computeCurrentPlan(account, { alarmEmail: "secops@example.com" });
      expect(plan.status).toBe("ready");
      expect(plan.steps.map((s) => s.operation)).toEqual(["PutEventSelectors"]);

      const applied = await applyRemediation({
        accountId: account,
        principal,
        enqueue: false,
        overrides: { alarmEmail: "secops@example.com" },
      });
      expect(await runRemediation(applied.jobId)).toBe("succeeded");

      const after = await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trailName }));
      const isData = (s: { DataResources?: unknown[] }) => (s.DataResources ?? []).length > 0;
      for (const kept of (input.EventSelectors ?? []).filter(isData)) {
        expect(after.EventSelectors).toContainEqual(expect.objectContaining(kept));
      }
      for (const kept of (input.AdvancedEventSelectors ?? []).filter((s) =>
        s.FieldSelectors?.some((f) => f.Field === "eventCategory" && f.Equals?.includes("Data")),
      )) {
        expect(after.AdvancedEventSelectors).toContainEqual(kept);
      }
      expect((await checker.check(account)).problems).toEqual([]);
    });
  }
});
