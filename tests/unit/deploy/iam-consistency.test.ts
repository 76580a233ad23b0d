// The IAM policies of deploy/policies (embedded in the CloudFormation template and the Terraform
// module) against the AWS calls the code can send: every call is allowed by the policy of the
// credentials it runs with, and no policy allows an action no call needs. Adding an SDK call
// without updating deploy/policies/*.json (then `npx tsx deploy/generate-cloudformation.ts`)
// fails here, naming the file, line and IAM action.
import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DELIVERY_ROLE_SUFFIX, memberRolesTemplate } from "@/deploy/cloudformation/build-templates";
import { actionMatches, checkPolicies, type ScopeRule } from "@/deploy/iam/check-policies";
import { iamActionsFor, UnknownActionError } from "@/deploy/iam/iam-actions";
import {
  asList,
  loadPolicy,
  loadTrustPolicy,
  POLICY_NAMES,
  type PolicyDocument,
  type PolicyName,
} from "@/deploy/iam/policy-documents";
import { scanPaths, scanSource } from "@/deploy/iam/scan-aws-calls";
import {
  cloudTrailKeyPolicy,
  REMEDIATION_KEY_ACTIONS,
  REMEDIATION_LAKE_ACTIONS,
} from "@/lib/remediate/plan/policies/kms-key-policy";
import { evaluatePolicy } from "@/sim/proxy/policy-evaluator";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * Where run-time AWS calls can live. Not scanned: sim/ (builds the simulated organization with
 * moto's dummy keys), bench/ (benchmarks against moto), scripts/, tests/, e2e/: none runs in production.
 */
const RUNTIME_SOURCES = ["lib", "app", "cli", "bin", "components", "proxy.ts"];

/** Whose credentials each file's AWS calls run with (longest match wins; an unlisted file fails). */
const CREDENTIALS: readonly ScopeRule[] = [
  {
    path: "lib/aws/assume-role.ts",
    scope: "hub",
    why: "CredentialBroker: GetCallerIdentity and AssumeRole with the hub's default-chain credentials",
  },
  {
    path: "lib/collect/discover-accounts.ts",
    scope: "hub",
    why: 'ctx.hubClient("organizations"): discovery runs as the hub',
  },
  {
    path: "lib/collect/",
    scope: "read",
    why: "ctx.client(...): TRAILWARDEN_ROLE_NAME in the target account; Security Hub aggregation too (ingest-securityhub.ts assumes the read role in the administrator account)",
  },
  {
    path: "lib/watch/",
    scope: "read",
    why: "the watch's RunContext (lib/watch/watch-context.ts): TRAILWARDEN_ROLE_NAME in the target account",
  },
  {
    path: "lib/alerts/send-sns.ts",
    scope: "hub",
    why: "alerts to an SNS topic are published with the hub's own default-chain credentials",
  },
  {
    path: "lib/evidence/",
    scope: "read",
    why: "ctx.client(...): the read role in the bucket owner's account (S3) and in the account read (ListPublicKeys)",
  },
  {
    path: "lib/remediate/",
    scope: "remediation",
    why: "RemediationClients: TRAILWARDEN_REMEDIATION_ROLE_NAME in the target account",
  },
];

/**
 * Remediation actions granted by the key policy remediation writes at CreateKey (naming the
 * remediation role), not by its IAM policy: tagging the key it just created, and using that key for
 * Lake stores through CloudTrail. An IAM grant of these would reach customers' keys too.
 */
const GRANTED_BY_KEY_POLICY: Record<string, string> = {
  "kms:TagResource": "tags the key it just created; an IAM grant would let it tag customers' keys into its reach",
  "kms:Decrypt": "UpdateEventDataStore uses the key through CloudTrail (kms:ViaService), on our key only",
  "kms:GenerateDataKey": "UpdateEventDataStore uses the key through CloudTrail (kms:ViaService), on our key only",
};

const outsideKeyPolicy = (missing: string[]) =>
  missing.filter((m) => !Object.keys(GRANTED_BY_KEY_POLICY).some((a) => m.startsWith(`remediation: ${a} `)));

/** Actions a policy may grant although no scanned call names them, with the reason. Keep it empty if you can. */
const ALLOWED_UNUSED: Partial<Record<PolicyName, Record<string, string>>> = {
  // Not our calls: CloudTrail makes them with the caller's permissions when CreateTrail asks for an
  // organization trail ("Prepare for creating a trail for your organization", AWS's minimum policy).
  remediation: {
    "iam:CreateServiceLinkedRole":
      "CloudTrail creates AWSServiceRoleForCloudTrail with the caller's permissions on the first organization " +
      "trail, AWS Config AWSServiceRoleForConfigMultiAccountSetup on the first organization Config rule",
    "organizations:ListAccounts": "CloudTrail lists the organization's accounts with the caller's permissions",
  },
};

/** Remediation actions allowed on Resource "*" (AWS offers no resource to scope them to). */
const REMEDIATION_STAR: Record<string, string> = {
  "cloudwatch:DescribeAlarms": "List: no resource-level permissions",
  "logs:DescribeLogGroups": "List over the account's log groups",
  "logs:DescribeMetricFilters": "List over a log group's filters",
  "kms:ListKeys": "List: no resource-level permissions",
  "kms:CreateKey": "the key does not exist yet; scoped by key spec, usage and the lockout safety check instead",
  "organizations:DescribeOrganization":
    "no resource-level permissions (the organization fix reads it; CloudTrail reads it with our permissions for an organization trail)",
  "organizations:ListAWSServiceAccessForOrganization": "no resource-level permissions",
  "organizations:ListDelegatedAdministrators": "no resource-level permissions",
  "organizations:ListPolicies": "List: no resource-level permissions",
  "organizations:ListRoots": "List: no resource-level permissions",
  "organizations:ListAccounts": "List: no resource-level permissions (CloudTrail's organization-trail check)",
  "config:DescribeOrganizationConfigRules": "List/read: no resource-level permissions (the optional Config rule)",
  "config:DescribeOrganizationConfigRuleStatuses": "List/read: no resource-level permissions",
  "config:GetOrganizationConfigRuleDetailedStatus": "read: no resource-level permissions",
  "organizations:EnableAWSServiceAccess":
    "no resource-level permissions; scoped by the organizations:ServicePrincipal condition to CloudTrail and AWS Config's multi-account setup",
  "organizations:CreatePolicy":
    "the policy does not exist yet; scoped by aws:RequestTag/ManagedBy and organizations:PolicyType instead",
  "organizations:TagResource": "tagging the guardrail on creation; scoped by the aws:RequestTag condition",
};

/** S3 actions on a bucket that may not exist yet (HeadBucket's 404 must not become a 403). */
const S3_BEFORE_CREATION = ["s3:CreateBucket", "s3:PutBucketOwnershipControls", "s3:ListBucket"];

function policies(): Record<PolicyName, PolicyDocument> {
  return Object.fromEntries(POLICY_NAMES.map((n) => [n, loadPolicy(n)])) as Record<PolicyName, PolicyDocument>;
}

const scan = scanPaths(ROOT, RUNTIME_SOURCES);

describe("IAM policies match the AWS calls the code makes", () => {
  it("finds the collector's, the hub's and remediation's calls, all traced to a client package", () => {
    expect(scan.unresolved).toEqual([]);
    const ops = new Set(scan.calls.map((c) => c.operation));
    for (const op of [
      "AssumeRole",
      "ListRoots",
      "GetTrailStatus",
      "GetFindings",
      "UpdateTrail",
      "PutBucketPolicy",
      "CreateKey",
    ])
      expect(ops).toContain(op);
  });

  it("knows whose credentials every file that calls AWS runs with", () => {
    const findings = checkPolicies(scan.calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(findings.unclassified, "add the file to CREDENTIALS in this test").toEqual([]);
    expect(findings.unknown).toEqual([]);
  });

  it("classifies every file that uses the hub's own credentials as hub", () => {
    const hubFiles = [...new Set(scan.calls.map((c) => c.file))].filter((f) =>
      /\bhubClient\(/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    for (const file of hubFiles) expect(CREDENTIALS.find((r) => r.path === file)?.scope, file).toBe("hub");
  });

  it("allows every action the code needs in the policy of its credentials", () => {
    const findings = checkPolicies(scan.calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(
      outsideKeyPolicy(findings.missing),
      "add these actions to deploy/policies/*.json and run `npx tsx deploy/generate-cloudformation.ts`",
    ).toEqual([]);
  });

  it("allows no action the code never uses", () => {
    const findings = checkPolicies(scan.calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(findings.unused, "remove these from deploy/policies/*.json (or justify them in ALLOWED_UNUSED)").toEqual([]);
  });

  it("never denies on every resource an action the code needs", () => {
    expect(checkPolicies(scan.calls, CREDENTIALS, policies(), ALLOWED_UNUSED).denied).toEqual([]);
  });

  it("lists actions exactly: no wildcards in Allow statements", () => {
    for (const [name, doc] of Object.entries(policies())) {
      for (const s of doc.Statement.filter((st) => st.Effect === "Allow")) {
        for (const action of asList(s.Action))
          expect(action, `${name}.json ${s.Sid}`).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      }
    }
  });

  it('scopes remediation to this account\'s resources; Resource "*" only where AWS offers nothing narrower', () => {
    const statements = [
      ...loadPolicy("remediation").Statement,
      ...loadPolicy("remediation-existing-buckets").Statement,
    ];
    for (const s of statements.filter((st) => st.Effect === "Allow")) {
      const resources = asList(s.Resource);
      if (resources.includes("*")) {
        for (const action of asList(s.Action))
          expect(REMEDIATION_STAR[action], `${s.Sid}: ${action} on "*"`).toBeDefined();
      } else {
        const ownAccount = s.Condition?.StringEquals?.["aws:ResourceAccount"] === "${AWS::AccountId}";
        // A bucket ARN names no account, and a bucket not created yet has no owner to condition on.
        const newBucket = asList(s.Action).every((a) => S3_BEFORE_CREATION.includes(a));
        for (const r of resources)
          expect(
            r.includes("${AWS::AccountId}") || ownAccount || (newBucket && r.endsWith(":s3:::${ResourcePrefix}*")),
            `${s.Sid}: ${r}`,
          ).toBe(true);
      }
    }
    const create = loadPolicy("remediation").Statement.find((s) => asList(s.Action).includes("kms:CreateKey"));
    expect(create?.Condition?.Bool?.["kms:BypassPolicyLockoutSafetyCheck"]).toBe("false");
  });

  it("never edits a service control policy: no UpdatePolicy, which AWS could only scope by a tag the role can set", () => {
    const remediation = loadPolicy("remediation");
    const allowed = remediation.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => asList(s.Action));
    expect(allowed).not.toContain("organizations:UpdatePolicy");
    expect(allowed.filter((a) => a.startsWith("organizations:") && a.includes("*"))).toEqual([]);
    const denied = remediation.Statement.filter((s) => s.Effect === "Deny").flatMap((s) => asList(s.Action));
    expect(denied).toContain("organizations:UpdatePolicy");
    expect(denied).toContain("organizations:DetachPolicy");
  });

  it("creates only prefixed resources", () => {
    const creates = [
      "cloudtrail:CreateTrail",
      "s3:CreateBucket",
      "logs:CreateLogGroup",
      "sns:CreateTopic",
      "cloudwatch:PutMetricAlarm",
    ];
    for (const s of loadPolicy("remediation").Statement.filter((st) => st.Effect === "Allow")) {
      for (const action of asList(s.Action).filter((a) => creates.includes(a))) {
        for (const r of asList(s.Resource)) expect(r, `${s.Sid}: ${action}`).toMatch(/\$\{ResourcePrefix\}\*$/);
      }
    }
  });

  it("creates and edits no IAM role: it only passes the shipped delivery role, to CloudTrail only", () => {
    const remediation = loadPolicy("remediation");
    const iamAllowed = remediation.Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
      asList(s.Action)
        .filter((a) => a.startsWith("iam:"))
        .map((a) => ({ action: a, s })),
    );
    expect(iamAllowed.map((x) => x.action).sort()).toEqual([
      "iam:CreateServiceLinkedRole",
      "iam:CreateServiceLinkedRole",
      "iam:GetRole",
      "iam:GetRole",
      "iam:GetRole",
      "iam:PassRole",
    ]);
    const deliveryRole = `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${ResourcePrefix}${DELIVERY_ROLE_SUFFIX}`;
    // The service-linked roles CloudTrail (organization trail) and AWS Config (organization Config
    // rule) create with the caller's permissions, each only for its own service.
    const slrs: Record<string, string> = {
      "cloudtrail.amazonaws.com":
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail",
      "config-multiaccountsetup.amazonaws.com":
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config-multiaccountsetup.amazonaws.com/AWSServiceRoleForConfigMultiAccountSetup",
    };
    for (const { action, s } of iamAllowed)
      expect([[deliveryRole], ...Object.values(slrs).map((r) => [r])], `${s.Sid} ${action}`).toContainEqual(
        asList(s.Resource),
      );
    for (const { s } of iamAllowed.filter((x) => x.action === "iam:CreateServiceLinkedRole")) {
      const service = s.Condition?.StringEquals?.["iam:AWSServiceName"] as string;
      expect(Object.keys(s.Condition ?? {}), s.Sid).toEqual(["StringEquals"]);
      expect(asList(s.Resource), s.Sid).toEqual([slrs[service]]);
    }
    const pass = iamAllowed.find((x) => x.action === "iam:PassRole")!.s;
    expect(pass.Condition).toEqual({ StringEquals: { "iam:PassedToService": "cloudtrail.amazonaws.com" } });
    // Defence in depth whatever else is attached: every IAM write that could mint or widen a
    // principal (a new role, an inline or managed policy, a policy version, a trust, a boundary).
    const denyAll = remediation.Statement.filter((s) => s.Effect === "Deny" && asList(s.Resource).includes("*"));
    for (const action of [
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:CreatePolicy",
      "iam:CreatePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
      "iam:CreateUser",
      "iam:CreateAccessKey",
      "iam:TagRole",
    ])
      expect(
        denyAll.some((s) => asList(s.Action).some((p) => actionMatches(p, action))),
        action,
      ).toBe(true);
    expect(denyAll.some((s) => asList(s.Action).some((p) => actionMatches(p, "iam:PassRole")))).toBe(false);
  });

  it("lets CloudTrail and AWS Config create their own service-linked roles through the remediation role, and no other IAM principal", () => {
    // remediation.json as deployed in account 111122223333 (aws partition, default names).
    const text = JSON.stringify(loadPolicy("remediation"))
      .replaceAll("${AWS::Partition}", "aws")
      .replaceAll("${AWS::AccountId}", "111122223333")
      .replaceAll("${ResourcePrefix}", "trailwarden-")
      .replaceAll("${ReadRoleName}", "TrailwardenReadOnly")
      .replaceAll("${RemediationRoleName}", "TrailwardenRemediation");
    const policy = JSON.parse(text) as unknown;
    const slr = "arn:aws:iam::111122223333:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail";
    const ask = (action: string, resource: string, context: Record<string, string> = {}) =>
      evaluatePolicy(policy, { action, resource, context });
    expect(ask("iam:CreateServiceLinkedRole", slr, { "iam:AWSServiceName": "cloudtrail.amazonaws.com" })).toBe("allow");
    expect(ask("iam:GetRole", slr)).toBe("allow");
    const configSlr =
      "arn:aws:iam::111122223333:role/aws-service-role/config-multiaccountsetup.amazonaws.com/AWSServiceRoleForConfigMultiAccountSetup";
    expect(
      ask("iam:CreateServiceLinkedRole", configSlr, { "iam:AWSServiceName": "config-multiaccountsetup.amazonaws.com" }),
    ).toBe("allow");
    // CloudTrail's service name on AWS Config's role (or the reverse) matches no Allow.
    expect(
      ask("iam:CreateServiceLinkedRole", configSlr, { "iam:AWSServiceName": "cloudtrail.amazonaws.com" }),
    ).not.toBe("allow");
    // Another service's role, or CloudTrail's name on another path: refused.
    expect(
      ask(
        "iam:CreateServiceLinkedRole",
        "arn:aws:iam::111122223333:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMRCleanup",
        { "iam:AWSServiceName": "elasticmapreduce.amazonaws.com" },
      ),
    ).toBe("deny");
    for (const action of ["iam:CreateRole", "iam:CreateUser", "iam:CreatePolicy", "iam:CreateAccessKey"])
      expect(ask(action, "arn:aws:iam::111122223333:role/trailwarden-x"), action).toBe("deny");
  });

  it("ships the delivery role CloudTrail assumes: trusted by CloudTrail alone, writing only into prefixed log groups", () => {
    const trust = loadTrustPolicy("delivery-trust");
    expect(trust.Statement).toEqual([
      {
        Sid: expect.any(String) as string,
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
    const delivery = loadPolicy("delivery");
    expect(delivery.Statement.flatMap((s) => asList(s.Action)).sort()).toEqual([
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    for (const s of delivery.Statement) {
      expect(s.Effect).toBe("Allow");
      expect(asList(s.Resource)).toEqual([
        "arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:${ResourcePrefix}*:log-stream:*",
      ]);
    }
    const resources = memberRolesTemplate().Resources as Record<string, { Condition?: string; Properties: object }>;
    expect(resources.DeliveryRole?.Condition).toBe("CreateRemediation");
    expect(resources.DeliveryRole?.Properties).toMatchObject({
      RoleName: { "Fn::Sub": `\${ResourcePrefix}${DELIVERY_ROLE_SUFFIX}` },
    });
  });

  it("changes buckets of any name only through the opt-in statement", () => {
    const writes = [
      "s3:PutBucketPolicy",
      "s3:PutBucketPublicAccessBlock",
      "s3:PutBucketVersioning",
      "s3:PutEncryptionConfiguration",
      "s3:PutBucketLogging",
      "s3:PutBucketTagging",
      "s3:PutLifecycleConfiguration",
    ];
    for (const s of loadPolicy("remediation").Statement.filter((st) => st.Effect === "Allow")) {
      if (!asList(s.Action).some((a) => writes.includes(a))) continue;
      expect(asList(s.Resource), s.Sid).toEqual(["arn:${AWS::Partition}:s3:::${ResourcePrefix}*"]);
      expect(s.Condition?.StringEquals?.["aws:ResourceAccount"], s.Sid).toBe("${AWS::AccountId}");
    }
    const optIn = loadPolicy("remediation-existing-buckets").Statement;
    expect(optIn.flatMap((s) => asList(s.Action))).toEqual(expect.arrayContaining(["s3:PutBucketPolicy"]));
    for (const s of optIn) expect(s.Condition?.StringEquals?.["aws:ResourceAccount"]).toBe("${AWS::AccountId}");
    // It widens the resources of actions the base policy already grants, nothing more.
    expect(checkPolicies(scan.calls, CREDENTIALS, policies(), ALLOWED_UNUSED).optionalAdds).toEqual([]);
    const role = (memberRolesTemplate().Resources as Record<string, { Properties: { Policies: unknown[] } }>)
      .RemediationRole!.Properties.Policies;
    expect(JSON.stringify(role[1])).toContain('"Fn::If":["HardenExisting"');
    expect(role).toHaveLength(2);
  });

  it("lets only the hub's role assume the member roles, and makes remediation sessions name their user", () => {
    const template = memberRolesTemplate();
    const params = template.Parameters as Record<string, { Default?: string }>;
    expect(params.HubPrincipalArn).toBeDefined();
    expect(params.HubPrincipalArn!.Default, "HubPrincipalArn is required").toBeUndefined();
    expect(params.HardenExistingBuckets?.Default).toBe("false");
    const resources = template.Resources as Record<
      string,
      { Properties: { AssumeRolePolicyDocument: { Statement: { Action: string | string[]; Condition: object }[] } } }
    >;
    for (const name of ["ReadRole", "RemediationRole"]) {
      const [statement, ...rest] = resources[name]!.Properties.AssumeRolePolicyDocument.Statement;
      expect(rest).toEqual([]);
      expect(statement!.Condition).toMatchObject({
        StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } },
        ArnEquals: { "aws:PrincipalArn": { Ref: "HubPrincipalArn" } },
      });
    }
    const read = resources.ReadRole!.Properties.AssumeRolePolicyDocument.Statement[0]!;
    expect(asList(read.Action)).toEqual(["sts:AssumeRole"]);
    const remediation = resources.RemediationRole!.Properties.AssumeRolePolicyDocument.Statement[0]!;
    expect(asList(remediation.Action).sort()).toEqual(["sts:AssumeRole", "sts:SetSourceIdentity"]);
    expect(remediation.Condition).toMatchObject({ StringLike: { "sts:SourceIdentity": "*" } });
  });

  it("lets the hub assume roles only in accounts of its organization (aws:ResourceOrgID)", () => {
    for (const name of ["hub", "hub-remediation"] as const) {
      const assume = loadPolicy(name).Statement.filter((s) => asList(s.Action).includes("sts:AssumeRole"));
      expect(assume.length, name).toBeGreaterThan(0);
      for (const s of assume)
        expect(s.Condition, `${name}.json ${s.Sid}`).toEqual({
          StringEquals: { "aws:ResourceOrgID": "${OrganizationId}" },
        });
    }
    const setSource = loadPolicy("hub-remediation").Statement.find((s) =>
      asList(s.Action).includes("sts:SetSourceIdentity"),
    );
    expect(setSource?.Condition).toEqual({ StringEquals: { "aws:ResourceOrgID": "${OrganizationId}" } });
  });

  it("never authorizes KMS key access by tags; the key policy remediation writes names its role", () => {
    const kms = loadPolicy("remediation").Statement.filter((s) => asList(s.Action).some((a) => a.startsWith("kms:")));
    expect(JSON.stringify(kms)).not.toMatch(/aws:(Resource|Request)Tag|aws:TagKeys/);
    const granted = new Set(kms.filter((s) => s.Effect === "Allow").flatMap((s) => asList(s.Action)));
    for (const action of ["kms:TagResource", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"])
      expect(granted.has(action), action).toBe(false);
    const policy = cloudTrailKeyPolicy(
      { partition: "aws", prefix: "trailwarden-" },
      {
        accountId: "111122223333",
        region: "us-east-1",
        trailArns: [],
        storeArns: ["arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/x"],
        readerAccountIds: [],
        remediationRoleName: "TrailwardenRemediation",
      },
    );
    const forRole = policy.Statement.filter(
      (s) =>
        JSON.stringify(s.Principal) ===
        JSON.stringify({ AWS: "arn:aws:iam::111122223333:role/TrailwardenRemediation" }),
    );
    const roleActions = new Set(forRole.flatMap((s) => asList(s.Action as string | string[])));
    for (const action of [
      ...REMEDIATION_KEY_ACTIONS,
      ...REMEDIATION_LAKE_ACTIONS,
      ...Object.keys(GRANTED_BY_KEY_POLICY),
    ])
      expect(roleActions.has(action), action).toBe(true);
    // Decrypt and GenerateDataKey only through CloudTrail.
    const lake = forRole.find((s) => asList(s.Action as string | string[]).includes("kms:Decrypt"));
    expect(JSON.stringify(lake?.Condition)).toContain("kms:ViaService");
  });

  it("denies destructive actions and changes to the Trailwarden roles themselves", () => {
    const deny = loadPolicy("remediation").Statement.filter((s) => s.Effect === "Deny");
    const denied = new Set(deny.flatMap((s) => asList(s.Action)));
    for (const a of [
      "cloudtrail:DeleteTrail",
      "cloudtrail:StopLogging",
      "s3:DeleteBucket",
      "kms:ScheduleKeyDeletion",
      "kms:DisableKey",
      "logs:DeleteLogGroup",
    ])
      expect(denied).toContain(a);
    const self = deny.find((s) => asList(s.Action).includes("iam:PutRolePolicy"));
    expect(asList(self!.Resource).sort()).toEqual([
      "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${ReadRoleName}",
      "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RemediationRoleName}",
    ]);
  });

  it("lets the hub assume exactly the two role names the application uses", () => {
    const assume = (name: PolicyName) =>
      loadPolicy(name)
        .Statement.filter((s) => asList(s.Action).includes("sts:AssumeRole"))
        .flatMap((s) => asList(s.Resource));
    expect(assume("hub")).toEqual(["arn:${AWS::Partition}:iam::*:role/${ReadRoleName}"]);
    expect(assume("hub-remediation")).toEqual(["arn:${AWS::Partition}:iam::*:role/${RemediationRoleName}"]);
    // The collector assumes TRAILWARDEN_ROLE_NAME, remediation TRAILWARDEN_REMEDIATION_ROLE_NAME, nothing else.
    expect(readFileSync(path.join(ROOT, "lib/collect/run-context.ts"), "utf8")).toMatch(
      /roleName: env\.TRAILWARDEN_ROLE_NAME\b/,
    );
    expect(readFileSync(path.join(ROOT, "lib/remediate/apply/remediation-clients.ts"), "utf8")).toMatch(
      /roleName: env\.TRAILWARDEN_REMEDIATION_ROLE_NAME\b/,
    );
  });
});

describe("the call scanner (self-test: a new call without a policy change must fail)", () => {
  const synthetic = [
    'import { GetTrailCommand, DeleteTrailCommand as Nuke, type Trail } from "@aws-sdk/client-cloudtrail";',
    'import * as s3 from "@aws-sdk/client-s3";',
    'import type { ListKeysCommand } from "@aws-sdk/client-kms";',
    "export async function go(ct: { send(c: unknown): Promise<unknown> }, t: Trail) {",
    "  await ct.send(new GetTrailCommand({ Name: t.Name }));",
    "  await ct.send(",
    "    new Nuke(",
    "      { Name: 'x' },",
    "    ),",
    "  );",
    "  await ct.send(new s3.PutBucketAclCommand({ Bucket: 'b' }));",
    '  const { ScheduleKeyDeletionCommand: Sched } = await import("@aws-sdk/client-kms");',
    "  await ct.send(new Sched({ KeyId: 'k', PendingWindowInDays: 7 }));",
    "  new LocalThingCommand();",
    "  const k: ListKeysCommand | undefined = undefined; void k;",
    "}",
  ].join("\n");

  it("follows aliases, namespaces, dynamic imports and multi-line `new`, and reports what it cannot trace", () => {
    const r = scanSource("lib/remediate/execute/new-executor.ts", synthetic);
    expect(r.calls.map((c) => `${c.pkg}:${c.operation}@${c.line}`)).toEqual([
      "@aws-sdk/client-cloudtrail:GetTrail@5",
      "@aws-sdk/client-cloudtrail:DeleteTrail@7",
      "@aws-sdk/client-s3:PutBucketAcl@11",
      "@aws-sdk/client-kms:ScheduleKeyDeletion@13",
    ]);
    expect(r.unresolved.map((u) => u.line)).toEqual([14]);
  });

  it("reports a remediation call the policy lacks, and one the policy denies", () => {
    const calls = [...scan.calls, ...scanSource("lib/remediate/execute/new-executor.ts", synthetic).calls];
    const findings = checkPolicies(calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(findings.missing.join("\n")).toContain(
      "remediation: cloudtrail:DeleteTrail ← lib/remediate/execute/new-executor.ts:7 DeleteTrail",
    );
    expect(findings.missing.join("\n")).toContain("remediation: kms:ScheduleKeyDeletion");
    expect(findings.denied).toContain("remediation.json NeverDestroyOrSilenceLogging: cloudtrail:DeleteTrail");
  });

  it("reports an IAM write added to remediation: missing, and denied by the wildcard deny", () => {
    const source =
      'import { CreateRoleCommand } from "@aws-sdk/client-iam";\nexport const c = new CreateRoleCommand({ RoleName: "x", AssumeRolePolicyDocument: "{}" });\n';
    const calls = [...scan.calls, ...scanSource("lib/remediate/new-role.ts", source).calls];
    const findings = checkPolicies(calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(findings.missing.join("\n")).toContain(
      "remediation: iam:CreateRole ← lib/remediate/new-role.ts:2 CreateRole",
    );
    expect(findings.denied).toContain(
      "remediation.json NeverCreateIamButServiceLinkedRolesOfCloudTrailAndConfig: iam:CreateRole",
    );
  });

  it("reports an opt-in policy that grants an action the base policy lacks", () => {
    const widened = policies();
    widened["remediation-existing-buckets"] = {
      Version: "2012-10-17",
      Statement: [{ Sid: "Extra", Effect: "Allow", Action: ["s3:PutBucketAcl"], Resource: "*" }],
    };
    const findings = checkPolicies(scan.calls, CREDENTIALS, widened, ALLOWED_UNUSED);
    expect(findings.optionalAdds).toEqual(["remediation-existing-buckets.json: s3:PutBucketAcl"]);
    expect(findings.unused).toContain("remediation-existing-buckets.json: s3:PutBucketAcl");
  });

  it("matches IAM action wildcards as IAM does", () => {
    expect(actionMatches("iam:Create*", "iam:CreateRole")).toBe(true);
    expect(actionMatches("iam:create*", "iam:CreateRole")).toBe(true);
    expect(actionMatches("iam:Create*", "iam:PassRole")).toBe(false);
    expect(actionMatches("iam:Get?ole", "iam:GetRole")).toBe(true);
    expect(actionMatches("s3:Put*", "s3x:PutBucketPolicy")).toBe(false);
  });

  it("reports a collector call added without a policy change", () => {
    const source =
      'import { GetBucketAclCommand } from "@aws-sdk/client-s3";\nexport const c = new GetBucketAclCommand({ Bucket: "b" });\n';
    const calls = [...scan.calls, ...scanSource("lib/collect/collect-acls.ts", source).calls];
    expect(outsideKeyPolicy(checkPolicies(calls, CREDENTIALS, policies(), ALLOWED_UNUSED).missing)).toEqual([
      "read: s3:GetBucketAcl ← lib/collect/collect-acls.ts:2 GetBucketAcl",
    ]);
  });

  it("reports a file nobody classified, and an action no call needs", () => {
    const source = 'import { ListTrailsCommand } from "@aws-sdk/client-cloudtrail";\nnew ListTrailsCommand({});\n';
    const calls = scanSource("lib/reports/new-thing.ts", source).calls;
    const findings = checkPolicies(calls, CREDENTIALS, policies(), ALLOWED_UNUSED);
    expect(findings.unclassified).toEqual(["lib/reports/new-thing.ts"]);
    expect(findings.unused).toContain("read.json: cloudtrail:ListTrails");
  });

  it("maps SDK operations to IAM actions, with S3's renamed ones and the companions of tagged creates", () => {
    expect(iamActionsFor("@aws-sdk/client-s3", "GetPublicAccessBlock")).toEqual(["s3:GetBucketPublicAccessBlock"]);
    expect(iamActionsFor("@aws-sdk/client-s3", "ListBuckets")).toEqual(["s3:ListAllMyBuckets"]);
    expect(iamActionsFor("@aws-sdk/client-s3", "HeadBucket")).toEqual(["s3:ListBucket"]);
    expect(iamActionsFor("@aws-sdk/client-s3", "PutBucketLifecycleConfiguration")).toEqual([
      "s3:PutLifecycleConfiguration",
    ]);
    expect(iamActionsFor("@aws-sdk/client-s3", "CreateBucket")).toEqual([
      "s3:CreateBucket",
      "s3:PutBucketOwnershipControls",
    ]);
    expect(iamActionsFor("@aws-sdk/client-cloudwatch-logs", "DescribeMetricFilters")).toEqual([
      "logs:DescribeMetricFilters",
    ]);
    expect(iamActionsFor("@aws-sdk/client-cloudtrail", "UpdateTrail")).toEqual([
      "cloudtrail:UpdateTrail",
      "iam:PassRole",
      "organizations:DescribeOrganization",
      "organizations:ListAWSServiceAccessForOrganization",
    ]);
    expect(iamActionsFor("@aws-sdk/client-sts", "GetCallerIdentity")).toEqual([]);
    expect(() => iamActionsFor("@aws-sdk/client-s3", "GetBucketInventoryConfiguration")).toThrow(UnknownActionError);
    expect(() => iamActionsFor("@aws-sdk/client-lambda", "Invoke")).toThrow(UnknownActionError);
  });
});
