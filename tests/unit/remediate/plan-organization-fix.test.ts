// The organization plan: adopt the organization trail (fixed in place) or create one, the guardrail
// SCP (SCP type enabled when off, five-per-target quota refused, foreign policies never touched),
// members' own trails listed as duplicates and never touched; the safety rules on the new calls.
import { describe, expect, it } from "vitest";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { stepViolations } from "@/lib/remediate/plan/assert-safe-plan";
import { guardrailDocument, guardrailViolations } from "@/lib/remediate/plan/organization/guardrail-policy";
import {
  planOrganizationFix,
  type OrganizationPlanRequest,
} from "@/lib/remediate/plan/organization/plan-organization-fix";
import type { ConfigRuleState } from "@/lib/remediate/plan/organization/config-rule";
import type { OrganizationState } from "@/lib/remediate/plan/organization/read-organization-state";
import { parsePolicy } from "@/lib/remediate/plan/policies/policy-document";
import { parseRemediationSettings } from "@/lib/remediate/remediation-settings";
import type { RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { ACCOUNT, cisLogGroup, compliant, MANAGEMENT, settings, trail } from "./snapshot-fixtures";

const ORG_ID = "o-abc123defg";
const ROOT = "r-ab12";

function organization(overrides: Partial<OrganizationState> = {}): OrganizationState {
  return {
    organizationId: ORG_ID,
    managementAccountId: MANAGEMENT,
    rootId: ROOT,
    scpTypeEnabled: true,
    cloudTrailTrustedAccess: true,
    cloudTrailDelegatedAdmins: [],
    guardrail: null,
    targets: [{ id: ROOT, policies: [{ id: "p-FullAWSAccess", name: "FullAWSAccess" }] }],
    ...overrides,
  };
}

/** The management account with no trail at all. */
const bareManagement = (): AccountSnapshotState => ({
  ...compliant({ trails: [], buckets: {}, logGroups: {} }),
  accountId: MANAGEMENT,
  organization: { id: ORG_ID, managementAccountId: MANAGEMENT },
});

const ORG_GROUP = `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:org:*`;
function managementWithOrgTrail(overrides: Parameters<typeof trail>[0] = {}): AccountSnapshotState {
  const org = trail(
    {
      name: "org",
      isOrganizationTrail: true,
      cloudWatchLogsLogGroupArn: ORG_GROUP,
      s3BucketName: "org-bucket",
      ...overrides,
    },
    MANAGEMENT,
  );
  return {
    ...bareManagement(),
    trails: [org],
    logGroups: { [ORG_GROUP]: cisLogGroup(ORG_GROUP) },
    buckets: {
      "org-bucket": {
        ...compliant().buckets["main-bucket"]!,
        name: "org-bucket",
        ownerAccountId: MANAGEMENT,
      },
    },
  };
}

function plan(overrides: Partial<OrganizationPlanRequest> = {}): RemediationPlan {
  return planOrganizationFix({
    admin: { state: bareManagement(), snapshotId: null },
    members: [{ state: compliant({ trails: [] }), name: "member" }],
    organization: organization(),
    settings: settings(),
    remediationRoleName: "TrailwardenRemediation",
    ...overrides,
  });
}

const ops = (p: RemediationPlan) => p.steps.map((s) => `${s.service}:${s.operation}`);

describe("the organization trail", () => {
  it("creates one when the organization has none: multi-region, validated, encrypted, to CloudWatch Logs, logging", () => {
    const p = plan({ organization: organization({ cloudTrailTrustedAccess: false }) });
    expect(p.status).toBe("ready");
    expect(p.scope).toBe("organization");
    expect(ops(p)[0]).toBe("organizations:EnableAWSServiceAccess");
    const create = p.steps.find((s) => s.operation === "CreateTrail")!;
    expect(create.targetAccountId).toBe(MANAGEMENT);
    expect(create.organization).toBe(true);
    expect(create.params).toMatchObject({
      Name: "trailwarden-organization",
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    });
    expect(create.params.KmsKeyId).toBeDefined();
    expect(create.params.CloudWatchLogsLogGroupArn).toBeDefined();
    expect(ops(p)).toEqual(expect.arrayContaining(["cloudtrail:StartLogging", "cloudtrail:PutEventSelectors"]));
    expect(ops(p).indexOf("organizations:EnableAWSServiceAccess")).toBeLessThan(
      ops(p).indexOf("cloudtrail:CreateTrail"),
    );
    expect(p.steps.filter((s) => s.operation === "PutMetricAlarm")).toHaveLength(14);
  });

  it("writes the organization's prefix into the bucket policy, scoped by aws:SourceArn exactly as AWS's example", () => {
    const p = plan();
    const put = p.steps.find(
      (s) => s.operation === "PutBucketPolicy" && s.resource.endsWith(`trailwarden-cloudtrail-${MANAGEMENT}`),
    )!;
    const policy = parsePolicy(put.params.Policy as string);
    const org = policy.Statement.find((s) => String(s.Resource).endsWith(`/AWSLogs/${ORG_ID}/*`))!;
    expect(org.Condition).toEqual({
      StringEquals: {
        "s3:x-amz-acl": "bucket-owner-full-control",
        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/trailwarden-organization`,
      },
    });
    // AWS's three statements: the ACL check and the account's own prefix carry the same trail ARN.
    const acl = policy.Statement.find((s) => s.Action === "s3:GetBucketAcl")!;
    expect(acl.Condition).toEqual({
      StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/trailwarden-organization` },
    });
    expect(policy.Statement.some((s) => String(s.Resource).endsWith(`/AWSLogs/${MANAGEMENT}/*`))).toBe(true);
    expect(p.steps.some((s) => s.operation === "PutBucketLifecycleConfiguration")).toBe(true);
  });

  it("delivers to the central log-archive bucket when one is configured", () => {
    const central = settings({
      bucket: { mode: "central", name: "org-logs", ownerAccountId: "222222222222", region: "us-east-1" },
    });
    const p = plan({ settings: central });
    expect(p.steps.find((s) => s.operation === "CreateTrail")!.params.S3BucketName).toBe("org-logs");
    const merge = p.steps.find((s) => s.operation === "PutBucketPolicy")!;
    expect(merge).toMatchObject({ targetAccountId: "222222222222", action: "merge" });
    expect(
      p.steps.some((s) => s.operation === "PutBucketLifecycleConfiguration" && s.targetAccountId === "222222222222"),
    ).toBe(true);
  });

  it("adopts an organization trail lacking validation, KMS and CloudWatch Logs: fixed in place, no second trail", () => {
    const state = managementWithOrgTrail({
      logFileValidationEnabled: false,
      kmsKeyId: undefined,
      cloudWatchLogsLogGroupArn: undefined,
      cloudWatchLogsRoleArn: undefined,
    });
    const p = plan({ admin: { state, snapshotId: null } });
    expect(ops(p)).not.toContain("cloudtrail:CreateTrail");
    const update = p.steps.find((s) => s.operation === "UpdateTrail")!;
    expect(update.params).toMatchObject({ Name: "org", EnableLogFileValidation: true });
    expect(Object.keys(update.params)).toEqual(
      expect.arrayContaining(["KmsKeyId", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"]),
    );
    expect(p.organization!.trail).toMatchObject({ name: "org", adopted: true });
  });

  it("plans nothing once the trail and the guardrail are in place", () => {
    const state = managementWithOrgTrail();
    const first = plan({ admin: { state, snapshotId: null } });
    const guard = first.organization!.guardrail;
    const p = plan({
      admin: { state, snapshotId: null },
      organization: organization({
        guardrail: { id: "p-guard", content: guard.content, managedByTrailwarden: true },
        targets: [
          {
            id: ROOT,
            policies: [
              { id: "p-FullAWSAccess", name: "FullAWSAccess" },
              { id: "p-guard", name: guard.policyName },
            ],
          },
        ],
      }),
    });
    expect(p.steps).toEqual([]);
    expect(p.status).toBe("empty");
  });
});

describe("the guardrail", () => {
  it("enables the SCP type on the root when it is off, creates the policy and attaches it", () => {
    const p = plan({ organization: organization({ scpTypeEnabled: false, targets: [{ id: ROOT, policies: [] }] }) });
    const guard = p.steps.filter((s) => s.service === "organizations");
    expect(guard.map((s) => s.operation)).toEqual(["EnablePolicyType", "CreatePolicy", "AttachPolicy"]);
    expect(guard[0]!.params).toEqual({ RootId: ROOT, PolicyType: "SERVICE_CONTROL_POLICY" });
    expect(guard[2]!.params.PolicyId).toMatchObject({ $ref: guard[1]!.key, path: "PolicyId" });
    for (const s of guard) expect(s.targetAccountId).toBe(MANAGEMENT);
  });

  it("denies stopping, deleting and narrowing CloudTrail and deleting the key and bucket, except for exempt roles", () => {
    const p = plan({
      settings: settings({
        organization: {
          cloudTrailAdminAccountId: null,
          guardrailTargets: [],
          breakGlassRoleArns: ["arn:aws:iam::123456789012:role/BreakGlass"],
          configRule: false,
        },
      }),
    });
    const create = p.steps.find((s) => s.operation === "CreatePolicy")!;
    // The key is created by the same plan: the policy names it by reference, resolved at apply time.
    const doc = create.params.Content as unknown as {
      Statement: {
        Sid: string;
        Effect: string;
        Action: string[];
        Resource: unknown;
        Condition: Record<string, Record<string, unknown>>;
      }[];
    };
    expect(doc.Statement[0]!.Action).toEqual([
      "cloudtrail:DeleteEventDataStore",
      "cloudtrail:DeleteTrail",
      "cloudtrail:PutEventSelectors",
      "cloudtrail:PutInsightSelectors",
      "cloudtrail:StopLogging",
      "cloudtrail:UpdateTrail",
    ]);
    expect(doc.Statement[0]!.Condition.ArnNotLike!["aws:PrincipalArn"]).toEqual([
      "arn:aws:iam::*:role/TrailwardenRemediation",
      "arn:aws:iam::123456789012:role/BreakGlass",
    ]);
    expect(doc.Statement.every((s) => s.Effect === "Deny")).toBe(true);
    const keyStep = p.steps.find((s) => s.operation === "CreateKey")!;
    expect(doc.Statement.find((s) => s.Sid === "TrailwardenProtectTrailKey")!.Resource).toEqual({
      $ref: keyStep.key,
      path: "KeyMetadata.Arn",
    });
    expect(doc.Statement.find((s) => s.Sid === "TrailwardenProtectTrailBucket")!.Resource).toBe(
      `arn:aws:s3:::trailwarden-cloudtrail-${MANAGEMENT}`,
    );
  });

  it("refuses clearly when a target already holds five SCPs", () => {
    const five = ["FullAWSAccess", "a", "b", "c", "d"].map((name, i) => ({ id: `p-${i}`, name }));
    const p = plan({ organization: organization({ targets: [{ id: ROOT, policies: five }] }) });
    expect(p.status).toBe("blocked");
    const blocker = p.blockers.find((b) => b.code === "scp-quota-full")!;
    expect(blocker.message).toMatch(/r-ab12 already has 5 service control policies attached .* AWS's limit is 5/);
    expect(blocker.message).toMatch(/never detaches a policy it did not create/);
    expect(p.steps.some((s) => s.operation === "AttachPolicy")).toBe(false);
  });

  it("counts the FullAWSAccess that enabling the SCP type attaches", () => {
    const four = ["a", "b", "c", "d"].map((name, i) => ({ id: `p-${i}`, name }));
    const p = plan({ organization: organization({ scpTypeEnabled: false, targets: [{ id: ROOT, policies: four }] }) });
    expect(p.blockers.map((b) => b.code)).toContain("scp-quota-full");
  });

  it("never edits or attaches a policy of its name that it did not create", () => {
    const p = plan({
      organization: organization({ guardrail: { id: "p-theirs", content: "{}", managedByTrailwarden: false } }),
    });
    expect(p.status).toBe("blocked");
    expect(p.blockers.map((b) => b.code)).toContain("guardrail-name-taken");
  });

  it("never edits its own policy when what it protects changed (a note for a person), and attaches to the chosen OUs", () => {
    const p = plan({
      organization: organization({
        guardrail: {
          id: "p-guard",
          content: JSON.stringify(
            guardrailDocument({
              partition: "aws",
              remediationRoleName: "Old",
              breakGlassRoleArns: [],
              kmsKey: null,
              bucket: null,
            }),
          ),
          managedByTrailwarden: true,
        },
        targets: [
          { id: "ou-ab12-11111111", policies: [{ id: "p-FullAWSAccess", name: "FullAWSAccess" }] },
          { id: "ou-ab12-22222222", policies: [{ id: "p-guard", name: "trailwarden-protect-cloudtrail" }] },
        ],
      }),
    });
    const guard = p.steps.filter((s) => s.service === "organizations");
    // Trailwarden never edits an SCP: the drift is a person's action, with the wanted content.
    expect(guard.map((s) => [s.operation, s.resource])).toEqual([["AttachPolicy", "ou-ab12-11111111"]]);
    const drift = p.notes.find((n) => n.code === "guardrail-content-drift");
    expect(drift?.message).toContain("p-guard");
    expect(drift?.message).toContain("update-policy --policy-id p-guard");
    expect(p.blockers).toEqual([]);
  });
});

describe("organization settings", () => {
  it("reads the administrator, guardrail targets and break-glass roles from the environment", () => {
    const parsed = parseRemediationSettings(
      { organization: { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/Stored"] } },
      {
        TRAILWARDEN_CLOUDTRAIL_ADMIN_ACCOUNT: "222222222222",
        TRAILWARDEN_GUARDRAIL_TARGETS: "ou-ab12-11111111, r-ab12",
      },
    );
    expect(parsed.organization).toEqual({
      cloudTrailAdminAccountId: "222222222222",
      guardrailTargets: ["ou-ab12-11111111", "r-ab12"],
      breakGlassRoleArns: ["arn:aws:iam::111111111111:role/Stored"],
      configRule: false,
    });
  });

  it("names the bad variable's field", () => {
    expect(() => parseRemediationSettings({}, { TRAILWARDEN_GUARDRAIL_TARGETS: "prod-ou" })).toThrow(
      /organization\.guardrailTargets\.0: must be a root id/,
    );
    expect(() =>
      parseRemediationSettings({}, { TRAILWARDEN_GUARDRAIL_BREAK_GLASS_ROLES: "arn:aws:iam::1:user/bob" }),
    ).toThrow(/organization\.breakGlassRoleArns\.0: must be an IAM role ARN/);
  });
});

describe("members and safety", () => {
  it("never touches a member's own trail, and lists it as a duplicate with the cost", () => {
    const member = compliant();
    const p = plan({ members: [{ state: member, name: "payments" }] });
    expect(p.steps.some((s) => s.targetAccountId === ACCOUNT)).toBe(false);
    const note = p.notes.find((n) => n.code === "duplicate-member-trail")!;
    expect(note.message).toContain(`payments (${member.trails[0]!.arn})`);
    expect(note.message).toMatch(/charges for every copy after the first/);
    expect(p.organization!.duplicates).toEqual([
      { accountId: ACCOUNT, accountName: "payments", trailArn: member.trails[0]!.arn, homeRegion: "us-east-1" },
    ]);
  });

  it("stops a plan for a CloudTrail administrator that is not registered as delegated administrator", () => {
    const state = { ...bareManagement(), accountId: "333333333333" };
    const p = plan({ admin: { state, snapshotId: null } });
    expect(p.blockers.map((b) => b.code)).toContain("not-delegated-admin");
  });

  it("refuses an SCP that denies anything outside CloudTrail's protection, or allows", () => {
    const bad = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
    const cond = { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/TrailwardenRemediation"] } };
    expect(
      guardrailViolations(
        bad({ Effect: "Deny", Action: ["ec2:TerminateInstances"], Resource: "*", Condition: cond }),
      )[0],
    ).toMatch(/outside CloudTrail's protection/);
    expect(
      guardrailViolations(
        bad({ Effect: "Allow", Action: ["cloudtrail:StopLogging"], Resource: "*", Condition: cond }),
      )[0],
    ).toMatch(/not a Deny/);
    expect(guardrailViolations(bad({ Effect: "Deny", Action: ["cloudtrail:StopLogging"], Resource: "*" }))[0]).toMatch(
      /no exemption/,
    );
    expect(
      guardrailViolations(bad({ Effect: "Deny", Action: ["s3:DeleteBucket"], Resource: "*", Condition: cond }))[0],
    ).toMatch(/more than the trail's bucket/);
    const step = (operation: string, params: object, organization?: true) =>
      stepViolations({
        service: "organizations",
        operation,
        params: params as never,
        ...(organization ? { organization } : {}),
      });
    expect(step("DetachPolicy", { PolicyId: "p-1", TargetId: ROOT }, true)[0]).toMatch(/never allowed/);
    expect(step("DeletePolicy", { PolicyId: "p-1" }, true)[0]).toMatch(/never allowed/);
    expect(step("AttachPolicy", { PolicyId: "p-1", TargetId: ROOT })[0]).toMatch(/organization fix only/);
    expect(step("EnableAWSServiceAccess", { ServicePrincipal: "config.amazonaws.com" }, true)[0]).toMatch(
      /only enable CloudTrail/,
    );
    expect(
      stepViolations({
        service: "cloudtrail",
        operation: "CreateTrail",
        params: { Name: "x", IsOrganizationTrail: true },
      }),
    ).toEqual(["only the organization fix creates an organization trail"]);
  });

  it("passes its own safety rules for every shape", () => {
    for (const p of [
      plan(),
      plan({ organization: organization({ scpTypeEnabled: false, cloudTrailTrustedAccess: false }) }),
    ]) {
      for (const s of p.steps) expect(stepViolations(s), `${s.operation}`).toEqual([]);
      expect(p.blockers).toEqual([]);
    }
  });
});

describe("the optional AWS Config rule", () => {
  const RULE = "trailwarden-multi-region-cloudtrail-enabled";
  const withRule = (state: Partial<ConfigRuleState> = {}, trustedAccess = false) =>
    plan({
      admin: {
        state: managementWithOrgTrail({ kmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/k" }),
        snapshotId: null,
      },
      settings: settings({ organization: { ...settings().organization, configRule: true } }),
      organization: organization({
        configTrustedAccess: trustedAccess,
        configRule: {
          region: "us-east-1",
          existing: null,
          nameTaken: null,
          status: null,
          failedAccounts: [],
          ...state,
        },
      }),
    });

  it("is off by default, from the environment or the settings, and a bad value names its field", () => {
    expect(parseRemediationSettings({}, {}).organization.configRule).toBe(false);
    expect(parseRemediationSettings({}, { TRAILWARDEN_ORGANIZATION_CONFIG_RULE: "true" }).organization.configRule).toBe(
      true,
    );
    expect(
      parseRemediationSettings({ organization: { configRule: true } }, { TRAILWARDEN_ORGANIZATION_CONFIG_RULE: "0" })
        .organization.configRule,
    ).toBe(false);
    expect(() => parseRemediationSettings({}, { TRAILWARDEN_ORGANIZATION_CONFIG_RULE: "maybe" })).toThrow(
      /organization\.configRule/,
    );
    expect(plan().steps.some((s) => s.service === "config")).toBe(false);
    expect(plan().organization!.configRule).toBeUndefined();
  });

  it("enables AWS Config's trusted access as a visible step, then deploys the managed rule from the management account", () => {
    const p = withRule();
    const steps = p.steps.filter((s) => s.service === "config" || s.resource.startsWith("config-"));
    expect(steps.map((s) => `${s.service}:${s.operation}`)).toEqual([
      "organizations:EnableAWSServiceAccess",
      "config:PutOrganizationConfigRule",
    ]);
    for (const s of steps) expect(s).toMatchObject({ targetAccountId: MANAGEMENT, organization: true });
    expect(steps[1]!.params).toEqual({
      OrganizationConfigRuleName: RULE,
      OrganizationManagedRuleMetadata: {
        RuleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
        Description: expect.any(String) as string,
        MaximumExecutionFrequency: "TwentyFour_Hours",
      },
    });
    expect(p.summary).toContain(`AWS Config rule ${RULE}`);
    expect(p.organization!.configRule).toMatchObject({ name: RULE, exists: false, trustedAccess: false });
    expect(withRule({}, true).steps.some((s) => s.resource === "config-multiaccountsetup.amazonaws.com")).toBe(false);
  });

  it("adopts a rule that already runs it, under any name, and plans nothing for it", () => {
    const p = withRule(
      {
        existing: { name: "landing-zone-cloudtrail", arn: "arn:x", ruleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED" },
        status: "CREATE_SUCCESSFUL",
      },
      true,
    );
    expect(p.steps.some((s) => s.service === "config" || s.resource.startsWith("config-"))).toBe(false);
    expect(p.organization!.configRule).toMatchObject({ name: "landing-zone-cloudtrail", exists: true });
  });

  it("never changes a rule of its name that runs something else: the plan is blocked", () => {
    const p = withRule({ nameTaken: { ruleIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } });
    expect(p.status).toBe("blocked");
    expect(p.blockers.map((b) => b.code)).toContain("config-rule-name-taken");
    expect(p.steps.some((s) => s.service === "config")).toBe(false);
  });

  it("leaves accounts without a configuration recorder to a person, naming them", () => {
    const p = withRule(
      {
        existing: { name: RULE, arn: "arn:x", ruleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED" },
        status: "CREATE_FAILED",
        failedAccounts: [{ accountId: "333333333333", error: "NoAvailableConfigurationRecorderException" }],
      },
      true,
    );
    const note = p.notes.find((n) => n.code === "config-rule-not-deployed")!;
    expect(note.controls).toEqual(["config-rule"]);
    expect(note.message).toContain("333333333333");
    expect(note.message).toMatch(/configuration recorder/);
  });

  it("safety: only the managed rule, by its name, in the organization fix; never a delete", () => {
    const put = withRule().steps.find((s) => s.service === "config")!;
    expect(stepViolations(put)).toEqual([]);
    expect(stepViolations({ ...put, organization: undefined })).not.toEqual([]);
    expect(
      stepViolations({
        ...put,
        params: { ...put.params, OrganizationManagedRuleMetadata: { RuleIdentifier: "IAM_PASSWORD_POLICY" } },
      }),
    ).toEqual([expect.stringContaining("MULTI_REGION_CLOUD_TRAIL_ENABLED")]);
    expect(
      stepViolations({ ...put, params: { ...put.params, OrganizationConfigRuleName: "someone-elses-rule" } }),
    ).not.toEqual([]);
    expect(
      stepViolations({ ...put, params: { ...put.params, OrganizationCustomRuleMetadata: { LambdaFunctionArn: "x" } } }),
    ).not.toEqual([]);
    expect(stepViolations({ ...put, operation: "DeleteOrganizationConfigRule" })).not.toEqual([]);
    expect(
      stepViolations({
        service: "organizations",
        operation: "EnableAWSServiceAccess",
        params: { ServicePrincipal: "sso.amazonaws.com" },
        organization: true,
      }),
    ).not.toEqual([]);
  });
});
