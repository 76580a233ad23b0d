// The organization fix against the simulated organization (moto through the simulator proxy) and
// real PostgreSQL: with no organization trail, plan → apply → every account passes CloudTrail.1/.3
// (members through the organization trail) and a second apply is empty; the SCP type disabled at
// the root is enabled; a root already holding five SCPs is refused clearly; members' own trails are
// untouched and listed as duplicates; an existing organization trail lacking validation, KMS and
// CloudWatch Logs is fixed in place (no second organization trail), and with no alarm destination
// the job ends "needs-attention" (exit code 2). moto gap: organization trails are not propagated
// to members' ListTrails; the collector credits the organization trail read in the management
// account (as it does for AWS, where members list it as a shadow trail), so both shapes end alike.
import {
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisableAWSServiceAccessCommand,
  DisablePolicyTypeCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  EnablePolicyTypeCommand,
} from "@aws-sdk/client-organizations";
import {
  ConfigServiceClient,
  DeleteOrganizationConfigRuleCommand,
  DescribeOrganizationConfigRulesCommand,
  PutConfigurationRecorderCommand,
  PutOrganizationConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as remediateCli } from "@/cli/commands/remediate";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { runCollection } from "@/lib/collect/run-collection";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { computeOrganizationPlan } from "@/lib/remediate/plan/organization/compute-organization-plan";
import { planOrganizationRemediation } from "@/lib/remediate/plan/organization/plan-organization-remediation";
import { runRemediation } from "@/lib/remediate/apply/run-remediation";
import type { Verification } from "@/lib/remediate/verify/verify-fix";
import {
  assumeRoleCredentials,
  managementClients,
  motoClientConfig,
  type SimClients,
  type SimCredentials,
} from "@/sim/aws-env";
import type { SimManifest } from "@/sim/manifest";
import { setConsistency } from "@/sim/proxy/eventual-consistency";
import { seedOrganization } from "@/sim/seed-organization";
import { SdkChecker } from "./remediate-end-state";
import { useFreshDatabase } from "./support/test-database";

const principal = { ...cliPrincipal("it"), email: "engineer@example.com" };
const SCP = "SERVICE_CONTROL_POLICY";
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let management: SimClients;
let checker: SdkChecker;

const collectAll = async () => runCollection({ trigger: "cli", onSnapshotStored: await loadEvaluationHook() });

async function seed(organizationTrail: boolean): Promise<void> {
  management?.destroy();
  checker?.destroy();
  // Seeding builds what AWS would already hold (roles long settled): no delays while it runs.
  await setConsistency(process.env.AWS_ENDPOINT_URL!, { roleSeconds: 0, tagSeconds: 0 });
  manifest = await seedOrganization(process.env.AWS_ENDPOINT_URL!, { organizationTrail });
  management = managementClients(process.env.AWS_ENDPOINT_URL!);
  checker = new SdkChecker(process.env.AWS_ENDPOINT_URL!, manifest);
  const summary = await collectAll();
  expect(summary.counts.error).toBe(0);
  // As on a real account: new roles and trust policies take a moment, KMS tag changes minutes, to
  // affect authorization (docs/aws-preconditions.md).
  await setConsistency(process.env.AWS_ENDPOINT_URL!, { roleSeconds: 2, tagSeconds: 300 });
}

async function rootScps(): Promise<{ Id?: string; Name?: string }[]> {
  return (
    (await management.organizations.send(new ListPoliciesForTargetCommand({ TargetId: manifest.rootId, Filter: SCP })))
      .Policies ?? []
  );
}

async function scpTypeEnabled(): Promise<boolean> {
  const root = ((await management.organizations.send(new ListRootsCommand({}))).Roots ?? [])[0]!;
  return (root.PolicyTypes ?? []).some((t) => t.Type === SCP && t.Status === "ENABLED");
}

async function latestStates(): Promise<AccountSnapshotState[]> {
  const rows = await db.$queryRaw<{ state: AccountSnapshotState }[]>`
    SELECT DISTINCT ON (account_id) state FROM snapshots ORDER BY account_id, collected_at DESC`;
  return rows.map((r) => r.state);
}

async function cli(options: Parameters<typeof remediateCli>[0]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    return { code: await remediateCli(options), out: lines.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const ownTrailsOf = async (accountId: string): Promise<Trail[]> => checker.ownTrails(accountId);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  Object.assign(process.env, {
    TRAILWARDEN_REMEDIATION_ALARM_EMAIL: "secops@example.com",
    TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND: "10",
  });
  await seed(false);
}, 300_000);

afterAll(async () => {
  await setConsistency(process.env.AWS_ENDPOINT_URL!, { roleSeconds: 0, tagSeconds: 0 });
  management?.destroy();
  checker?.destroy();
  delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
  delete process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND;
  await fresh?.drop();
});

describe("an organization with no organization trail", () => {
  it("plans to enable the SCP type on the root when it is disabled", async () => {
    if (await scpTypeEnabled())
      await management.organizations.send(new DisablePolicyTypeCommand({ RootId: manifest.rootId, PolicyType: SCP }));
    const { plan } = await computeOrganizationPlan({ user: principal.email });
    const enable = plan.steps.find((s) => s.operation === "EnablePolicyType")!;
    expect(enable.params).toEqual({ RootId: manifest.rootId, PolicyType: SCP });
    expect(plan.steps.findIndex((s) => s.operation === "EnablePolicyType")).toBeLessThan(
      plan.steps.findIndex((s) => s.operation === "AttachPolicy"),
    );
  });

  it("refuses clearly when the root already holds five SCPs, and never detaches them", async () => {
    await management.organizations.send(new EnablePolicyTypeCommand({ RootId: manifest.rootId, PolicyType: SCP }));
    const fillers: string[] = [];
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "ec2:RunInstances", Resource: "*" }],
    });
    while ((await rootScps()).length < 5) {
      const created = await management.organizations.send(
        new CreatePolicyCommand({ Name: `team-policy-${fillers.length}`, Description: "x", Type: SCP, Content: doc }),
      );
      const id = created.Policy!.PolicySummary!.Id!;
      fillers.push(id);
      await management.organizations.send(new AttachPolicyCommand({ PolicyId: id, TargetId: manifest.rootId }));
    }
    try {
      const { plan } = await computeOrganizationPlan({ user: principal.email });
      expect(plan.status).toBe("blocked");
      expect(plan.blockers.find((b) => b.code === "scp-quota-full")!.message).toMatch(
        new RegExp(`${manifest.rootId} already has 5 service control policies attached .*AWS's limit is 5`),
      );
      await expect(
        applyRemediation({ accountId: "", scope: "organization", principal, enqueue: false }),
      ).rejects.toMatchObject({
        status: 422,
      });
      expect((await rootScps()).length).toBe(5);
    } finally {
      for (const id of fillers) {
        await management.organizations.send(new DetachPolicyCommand({ PolicyId: id, TargetId: manifest.rootId }));
        await management.organizations.send(new DeletePolicyCommand({ PolicyId: id }));
      }
      await management.organizations.send(new DisablePolicyTypeCommand({ RootId: manifest.rootId, PolicyType: SCP }));
    }
  });

  it("plans, applies and verifies: every account passes CloudTrail.1/.3, the guardrail is attached", async () => {
    const memberTrailsBefore = await Promise.all(manifest.accounts.slice(1).map((a) => ownTrailsOf(a.accountId)));
    const planned = await planOrganizationRemediation({ principal });
    const { plan } = planned;
    expect(plan.scope).toBe("organization");
    expect(plan.accountId).toBe(manifest.managementAccountId);
    const create = plan.steps.find((s) => s.operation === "CreateTrail")!;
    expect(create.params).toMatchObject({ Name: "trailwarden-organization", IsOrganizationTrail: true });
    expect(plan.steps.every((s) => s.targetAccountId === manifest.managementAccountId)).toBe(true);
    // Members' own trails: listed as duplicates, never a step.
    const withTrails = manifest.accounts.filter(
      (a) => a.trails.length > 0 && a.accountId !== manifest.managementAccountId,
    );
    expect(plan.organization!.duplicates.length).toBeGreaterThan(0);
    for (const d of plan.organization!.duplicates) expect(withTrails.map((a) => a.accountId)).toContain(d.accountId);
    const note = plan.notes.find((n) => n.code === "duplicate-member-trail")!;
    for (const d of plan.organization!.duplicates) expect(note.message).toContain(d.trailArn);

    const applied = await applyRemediation({
      accountId: "",
      scope: "organization",
      planId: planned.jobId,
      principal,
      enqueue: false,
    });
    expect(applied.status).toBe("queued");
    const status = await runRemediation(applied.jobId);
    const job = await db.remediationJob.findUnique({ where: { id: applied.jobId }, include: { steps: true } });
    expect(job!.steps.filter((s) => s.status !== "succeeded").map((s) => `${s.operation}: ${s.error}`)).toEqual([]);
    expect((job!.verification as unknown as Verification).failing).toEqual([]);
    expect(status).toBe("succeeded");

    // Independently, with the SDK: one organization trail, logging everything, guardrail attached.
    const trails = (await management.cloudtrail.send(new DescribeTrailsCommand({}))).trailList ?? [];
    const org = trails.filter((t) => t.IsOrganizationTrail);
    expect(org.map((t) => t.Name)).toEqual(["trailwarden-organization"]);
    expect(org[0]).toMatchObject({ IsMultiRegionTrail: true, LogFileValidationEnabled: true });
    expect(org[0]!.KmsKeyId).toBeTruthy();
    expect(org[0]!.CloudWatchLogsLogGroupArn).toBeTruthy();
    const selectors = await management.cloudtrail.send(
      new GetEventSelectorsCommand({ TrailName: "trailwarden-organization" }),
    );
    expect(selectors.EventSelectors).toEqual([
      expect.objectContaining({ ReadWriteType: "All", IncludeManagementEvents: true }),
    ]);
    expect(await scpTypeEnabled()).toBe(true);
    const guard = (await rootScps()).find((p) => p.Name === "trailwarden-protect-cloudtrail")!;
    const content = JSON.parse(
      (await management.organizations.send(new DescribePolicyCommand({ PolicyId: guard.Id! }))).Policy!.Content!,
    );
    expect(content.Statement[0].Action).toContain("cloudtrail:StopLogging");
    expect(content.Statement.every((s: { Effect: string }) => s.Effect === "Deny")).toBe(true);

    // Every account passes CloudTrail.1 and .3 (members through the organization trail).
    const states = await latestStates();
    expect(states).toHaveLength(manifest.accounts.length);
    for (const state of states) {
      const v = evaluateAccount(state, { requiredTagKeys: [] });
      for (const id of ["CloudTrail.1", "CloudTrail.3"])
        expect(v.find((x) => x.controlId === id)?.status, `${state.accountId} ${id}`).toBe("PASSED");
    }
    // Members' own trails are exactly as they were.
    const memberTrailsAfter = await Promise.all(manifest.accounts.slice(1).map((a) => ownTrailsOf(a.accountId)));
    expect(memberTrailsAfter).toEqual(memberTrailsBefore);
  }, 600_000);

  it("plans nothing the second time, and an apply changes nothing", async () => {
    const { plan } = await computeOrganizationPlan({ user: principal.email });
    expect(plan.steps).toEqual([]);
    const applied = await applyRemediation({ accountId: "", scope: "organization", principal, enqueue: false });
    expect(applied.status).toBe("succeeded");
    const org = ((await management.cloudtrail.send(new DescribeTrailsCommand({}))).trailList ?? []).filter(
      (t) => t.IsOrganizationTrail,
    );
    expect(org).toHaveLength(1);
    expect((await rootScps()).filter((p) => p.Name === "trailwarden-protect-cloudtrail")).toHaveLength(1);
  });
});

describe("the optional AWS Config rule (multi-region-cloudtrail-enabled), on the fixed organization", () => {
  const RULE = "trailwarden-multi-region-cloudtrail-enabled";
  const config = (credentials?: SimCredentials) =>
    new ConfigServiceClient(motoClientConfig(process.env.AWS_ENDPOINT_URL!, credentials));

  it("is off by default: no AWS Config step", async () => {
    const { plan } = await computeOrganizationPlan({ user: principal.email });
    expect(plan.steps).toEqual([]);
    expect(plan.organization!.configRule).toBeUndefined();
  });

  it("refuses a rule of its name that runs something else, and never changes it", async () => {
    const c = config();
    await c.send(
      new PutOrganizationConfigRuleCommand({
        OrganizationConfigRuleName: RULE,
        OrganizationManagedRuleMetadata: { RuleIdentifier: "S3_BUCKET_VERSIONING_ENABLED" },
      }),
    );
    try {
      const { plan } = await computeOrganizationPlan({ user: principal.email, overrides: { configRule: true } });
      expect(plan.status).toBe("blocked");
      expect(plan.blockers.find((b) => b.code === "config-rule-name-taken")!.message).toContain(
        "runs S3_BUCKET_VERSIONING_ENABLED",
      );
      expect(plan.steps.some((s) => s.service === "config")).toBe(false);
    } finally {
      await c.send(new DeleteOrganizationConfigRuleCommand({ OrganizationConfigRuleName: RULE }));
      c.destroy();
      // PutOrganizationConfigRule enabled AWS Config's trusted access, as AWS does: back as it was.
      await management.organizations.send(
        new DisableAWSServiceAccessCommand({ ServicePrincipal: "config-multiaccountsetup.amazonaws.com" }),
      );
    }
  });

  it("plans it as visible steps, applies it, and leaves accounts without a recorder to a person (exit 2)", async () => {
    const { plan } = await computeOrganizationPlan({ user: principal.email, overrides: { configRule: true } });
    expect(plan.steps.map((s) => `${s.service}:${s.operation}`)).toEqual([
      "organizations:EnableAWSServiceAccess",
      "config:PutOrganizationConfigRule",
    ]);
    expect(plan.steps[0]!.params).toEqual({ ServicePrincipal: "config-multiaccountsetup.amazonaws.com" });
    const put = plan.steps[1]!;
    expect(put).toMatchObject({
      targetAccountId: manifest.managementAccountId,
      region: "us-east-1",
      organization: true,
    });
    expect(put.params).toMatchObject({
      OrganizationConfigRuleName: RULE,
      OrganizationManagedRuleMetadata: { RuleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED" },
    });
    expect(plan.organization!.configRule).toMatchObject({ name: RULE, exists: false, trustedAccess: false });

    // The CLI flag: no account has a configuration recorder yet, so AWS Config cannot deploy the
    // rule anywhere; every step succeeded, a person has the action left.
    const { code, out } = await cli({ organization: true, apply: true, yes: true, configRule: true });
    expect(out).toContain("applied — needs attention");
    expect(code).toBe(2);
    const job = await db.remediationJob.findFirst({ where: { mode: "apply" }, orderBy: { createdAt: "desc" } });
    const v = job!.verification as unknown as Verification;
    expect(v.failing.map((f) => f.controlId)).toEqual(["config-rule"]);
    expect(v.actions![0]!.action).toMatch(/configuration recorder/);
    for (const a of manifest.accounts) expect(v.actions![0]!.action).toContain(a.accountId);
    // Audited, tied to the user, with the plan's summary naming the rule.
    const audit = await db.auditEvent.findFirst({ where: { action: "remediation.apply" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit!.details)).toContain(`AWS Config rule ${RULE}`);

    // Independently: one organization Config rule, running the managed rule.
    const c = config();
    const rules = (await c.send(new DescribeOrganizationConfigRulesCommand({}))).OrganizationConfigRules ?? [];
    expect(rules.map((r) => [r.OrganizationConfigRuleName, r.OrganizationManagedRuleMetadata?.RuleIdentifier])).toEqual(
      [[RULE, "MULTI_REGION_CLOUD_TRAIL_ENABLED"]],
    );
    c.destroy();
  }, 600_000);

  it("once every account records, the re-plan is empty and reports the rule deployed; nothing is deleted", async () => {
    for (const a of manifest.accounts) {
      const creds =
        a.accountId === manifest.managementAccountId
          ? undefined
          : await assumeRoleCredentials(process.env.AWS_ENDPOINT_URL!, a.accountId);
      const c = config(creds);
      await c.send(
        new PutConfigurationRecorderCommand({
          ConfigurationRecorder: {
            name: "default",
            roleARN: `arn:aws:iam::${a.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          },
        }),
      );
      c.destroy();
    }
    const { plan } = await computeOrganizationPlan({ user: principal.email, overrides: { configRule: true } });
    expect(plan.steps).toEqual([]);
    expect(plan.notes.filter((n) => n.code.startsWith("config-rule"))).toEqual([]);
    expect(plan.organization!.configRule).toMatchObject({
      exists: true,
      status: "CREATE_SUCCESSFUL",
      trustedAccess: true,
      failedAccounts: [],
    });
  });
});

describe("an existing organization trail lacking validation, KMS and CloudWatch Logs", () => {
  beforeAll(async () => {
    await seed(false);
    delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
    await management.cloudtrail.send(
      new CreateTrailCommand({
        Name: "legacy-org",
        S3BucketName: manifest.centralBucketName,
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
      }),
    );
    await collectAll();
  }, 300_000);

  it("is fixed in place (no second organization trail); with no alarm destination the job needs attention, exit 2", async () => {
    const { plan } = await computeOrganizationPlan({ user: principal.email });
    expect(plan.steps.some((s) => s.operation === "CreateTrail" && s.params.IsOrganizationTrail)).toBe(false);
    const update = plan.steps.find((s) => s.operation === "UpdateTrail")!;
    expect(update.params).toMatchObject({ Name: "legacy-org", EnableLogFileValidation: true });
    expect(Object.keys(update.params)).toEqual(
      expect.arrayContaining(["KmsKeyId", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"]),
    );
    expect(plan.notes.map((n) => n.code)).toContain("alarm-destination-needed");

    const dry = await cli({ organization: true, dryRun: true });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("Organization plan");
    const { code, out } = await cli({ organization: true, apply: true, yes: true });
    expect(out).toContain("applied — needs attention");
    expect(code).toBe(2);

    const org = ((await management.cloudtrail.send(new DescribeTrailsCommand({}))).trailList ?? []).filter(
      (t) => t.IsOrganizationTrail,
    );
    expect(org.map((t) => t.Name)).toEqual(["legacy-org"]);
    expect(org[0]).toMatchObject({ LogFileValidationEnabled: true });
    expect(org[0]!.KmsKeyId).toBeTruthy();
    expect(org[0]!.CloudWatchLogsLogGroupArn).toBeTruthy();
    const job = await db.remediationJob.findFirst({ where: { mode: "apply" }, orderBy: { createdAt: "desc" } });
    expect(job!.status).toBe("needs-attention");
    const v = job!.verification as unknown as Verification;
    expect(v.failing.every((f) => f.controlId.startsWith("CloudWatch."))).toBe(true);
    expect(v.actions![0]!.action).toMatch(/alarm e-mail/);
  }, 600_000);
});
