// Remediation's lifecycle with the organization trail in place: an account it covers gets no trail
// of its own and the fix goes to the management account; cancel stops before the next step; one
// job per account; a plan that is no longer current is refused; the queued path runs on a worker.
// Every plan, apply and cancel is in the audit log with who asked.
import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
} from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { runCollection } from "@/lib/collect/run-collection";
import { db } from "@/lib/db";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { startWorker } from "@/lib/jobs/start-worker";
import { getFailingBurnDown } from "@/lib/read-models/get-failing-burn-down";
import { getTimeToFix } from "@/lib/read-models/get-time-to-fix";
import { listRemediationJobs } from "@/lib/read-models/list-remediation-jobs";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { cancelRemediation } from "@/lib/remediate/apply/cancel-remediation";
import { computeCurrentPlan, planRemediation } from "@/lib/remediate/plan/plan-remediation";
import { JobActiveError, StalePlanError } from "@/lib/remediate/remediation-errors";
import { runRemediation } from "@/lib/remediate/apply/run-remediation";
import { managementClients, type SimClients } from "@/sim/aws-env";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { SdkChecker } from "./remediate-end-state";
import { useFreshDatabase } from "./support/test-database";

const engineer = {
  type: "user" as const,
  id: "u-eng",
  name: "Erin Engineer",
  email: "engineer@trailwarden.local",
  role: "engineer" as const,
};
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let checker: SdkChecker;
let management: SimClients;

const idOf = (name: string) => manifest.accounts.find((a) => a.name === name)!.accountId;
const recollect = async (...names: string[]) =>
  runCollection({ trigger: "cli", accountIds: names.map(idOf), onSnapshotStored: await loadEvaluationHook() });

beforeAll(async () => {
  fresh = await useFreshDatabase();
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!, { organizationTrail: true });
  Object.assign(process.env, {
    TRAILWARDEN_REMEDIATION_ALARM_EMAIL: "secops@example.com",
    TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND: "10",
  });
  // Verdicts are stored, as the worker does, so the managers' read models have history to read.
  await runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });
  checker = new SdkChecker(process.env.AWS_ENDPOINT_URL!, manifest);
  management = managementClients(process.env.AWS_ENDPOINT_URL!);
});

afterAll(async () => {
  checker?.destroy();
  management?.destroy();
  delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
  delete process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND;
  await fresh?.drop();
});

describe("an account covered by the organization trail", () => {
  it("needs nothing while the organization trail is complete", async () => {
    const { plan } = await computeCurrentPlan(idOf("sandbox-alice"));
    expect(plan.status).toBe("empty");
  });

  it("gets no trail of its own: the organization trail is fixed in the management account", async () => {
    await management.cloudtrail.send(new StopLoggingCommand({ Name: "org-trail" }));
    await recollect("sandbox-alice");
    const account = idOf("sandbox-alice");
    const { plan } = await computeCurrentPlan(account);
    expect(plan.strategy.kind).toBe("organization-trail");
    expect(plan.steps.map((s) => [s.operation, s.targetAccountId, s.params])).toEqual([
      ["StartLogging", manifest.managementAccountId, { Name: "org-trail" }],
    ]);

    const applied = await applyRemediation({ accountId: account, principal: engineer, enqueue: false });
    expect(await runRemediation(applied.jobId)).toBe("succeeded");
    const member = await checker.clients(account);
    expect(
      (await member.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [],
    ).toEqual([]);
    expect((await management.cloudtrail.send(new GetTrailStatusCommand({ Name: "org-trail" }))).IsLogging).toBe(true);
    expect((await checker.check(account)).problems).toEqual([]);
  });
});

describe("job lifecycle", () => {
  it("cancels a queued job before any step runs", async () => {
    const account = idOf("sandbox-bob");
    const planned = await planRemediation({ accountId: account, principal: engineer });
    await applyRemediation({ accountId: account, planId: planned.jobId, principal: engineer, enqueue: false });
    await cancelRemediation({ jobId: planned.jobId, principal: engineer });
    expect(await runRemediation(planned.jobId)).toBe("cancelled");
    const steps = await db.remediationStep.findMany({ where: { jobId: planned.jobId } });
    expect(steps.every((s) => s.status === "skipped" && s.attempts === 0)).toBe(true);
  });

  it("stops a running job before its next step when cancelled", async () => {
    const account = idOf("sandbox-bob");
    const applied = await applyRemediation({ accountId: account, principal: engineer, enqueue: false });
    const status = await runRemediation(applied.jobId, {
      onStep: async (e) => {
        if (e.phase === "recorded" && e.index === 0)
          await cancelRemediation({ jobId: applied.jobId, principal: engineer });
      },
    });
    expect(status).toBe("cancelled");
    const steps = await db.remediationStep.findMany({ where: { jobId: applied.jobId }, orderBy: { index: "asc" } });
    expect(steps[0]!.status).toBe("succeeded");
    expect(steps.slice(1).every((s) => s.status === "skipped")).toBe(true);
    const job = await db.remediationJob.findUnique({ where: { id: applied.jobId } });
    expect(job!.error).toBe("Cancelled by engineer@trailwarden.local");
  });

  it("allows one job per account at a time", async () => {
    const account = idOf("sandbox-bob");
    const first = await applyRemediation({ accountId: account, principal: engineer, enqueue: false });
    const second = applyRemediation({ accountId: account, principal: engineer, enqueue: false });
    await expect(second).rejects.toBeInstanceOf(JobActiveError);
    await expect(second).rejects.toMatchObject({ status: 409 });
    expect(await runRemediation(first.jobId)).toBe("succeeded");
    expect((await checker.check(account)).problems).toEqual([]);
  });

  it("refuses to apply a plan that is no longer current", async () => {
    const account = idOf("shared-services");
    const planned = await planRemediation({ accountId: account, principal: engineer });
    const c = await checker.clients(account);
    await c.cloudtrail.send(new UpdateTrailCommand({ Name: "shared-services-trail", EnableLogFileValidation: false }));
    await recollect("shared-services");
    await expect(
      applyRemediation({ accountId: account, planId: planned.jobId, principal: engineer, enqueue: false }),
    ).rejects.toBeInstanceOf(StalePlanError);
    const fresh = await planRemediation({ accountId: account, principal: engineer });
    const applied = await applyRemediation({
      accountId: account,
      planId: fresh.jobId,
      principal: engineer,
      enqueue: false,
    });
    expect(await runRemediation(applied.jobId)).toBe("succeeded");
  });

  it("runs a queued job on the worker through to verification", async () => {
    const account = idOf("sandbox-legacy");
    const worker = await startWorker({ schedule: false, pollingIntervalSeconds: 0.5, log: () => undefined });
    try {
      const applied = await applyRemediation({ accountId: account, principal: engineer });
      expect(applied.status).toBe("queued");
      const deadline = Date.now() + 90_000;
      let status = "queued";
      while (Date.now() < deadline && !["succeeded", "failed", "cancelled"].includes(status)) {
        await new Promise((r) => setTimeout(r, 500));
        status = (await db.remediationJob.findUnique({ where: { id: applied.jobId }, select: { status: true } }))!
          .status;
      }
      expect(status).toBe("succeeded");
      const job = await db.remediationJob.findUnique({ where: { id: applied.jobId } });
      expect(job!.verification).toMatchObject({ outcome: "logging, validated, alarming", replan: { steps: 0 } });
      expect(job!.failingBefore).toContain("CloudTrail.7");
      expect(job!.failingAfter).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it("gives managers the jobs, the burn-down and the time to fix per control", async () => {
    const jobs = await listRemediationJobs();
    const legacy = jobs.find((j) => j.accountId === idOf("sandbox-legacy"))!;
    expect(legacy).toMatchObject({
      status: "succeeded",
      outcome: "logging, validated, alarming",
      requestedBy: "engineer@trailwarden.local",
      failingAfter: 0,
    });
    expect(legacy.durationMs).toBeGreaterThan(0);
    expect(jobs.some((j) => j.status === "cancelled")).toBe(true);
    const burnDown = await getFailingBurnDown(7);
    expect(burnDown).toHaveLength(7);
    expect(burnDown.at(-1)!.remediations).toBeGreaterThanOrEqual(4);
    // At the end of today only what was never remediated still fails.
    const stillFailing = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT DISTINCT ON (account_id, control_id) status FROM control_results ORDER BY account_id, control_id, collected_at DESC, evaluated_at DESC
      ) latest WHERE status = 'FAILED'`;
    expect(burnDown.at(-1)!.failing).toBe(stillFailing[0]!.n);
    const ttf = await getTimeToFix(90);
    const ct7 = ttf.find((r) => r.controlId === "CloudTrail.7");
    expect(ct7?.fixes).toBe(1);
    expect(ct7!.medianMs).toBeGreaterThanOrEqual(ct7!.medianRemediationMs);
  });

  it("audits every plan, apply and cancel with who asked", async () => {
    const rows = await db.auditEvent.findMany({
      where: { action: { startsWith: "remediation." } },
      orderBy: { at: "asc" },
    });
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(new Set(["remediation.plan", "remediation.apply", "remediation.cancel"]));
    expect(rows.every((r) => r.actorName === "Erin Engineer" && r.actorId === "u-eng" && r.target)).toBe(true);
    expect(cliPrincipal("x").name).toBe("cli:x");
  });
});
