// The deployment artefacts stay in step with their source and with the application: the committed
// CloudFormation templates and hub policies equal what deploy/generate-cloudformation.ts renders from
// deploy/policies/*.json; Terraform renders the very same policies; the templates' defaults are the
// names the application and the simulated organization use; cfn-lint accepts the templates.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  DELIVERY_ROLE_SUFFIX,
  generatedFiles,
  RESOURCE_PREFIX_PATTERN,
  renderedPolicy,
} from "@/deploy/cloudformation/build-templates";
import type { JsonValue, PolicyName, TrustPolicyName } from "@/deploy/iam/policy-documents";
import { getEnv } from "@/lib/config/env";
import { remediationSettingsSchema } from "@/lib/remediate/remediation-settings";
import { deliveryRoleName } from "@/lib/remediate/plan/resource-names";
import { READ_ONLY_ROLE, REMEDIATION_ROLE } from "@/sim/create-access-roles";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const TEMPLATES = [
  "deploy/cloudformation/trailwarden-member-roles.yaml",
  "deploy/cloudformation/trailwarden-hub-policy.yaml",
];

function onPath(tool: string, args: string[]): boolean {
  return spawnSync(tool, args, { stdio: "ignore" }).status === 0;
}

describe("generated deployment files", () => {
  it("are up to date with deploy/policies (run `npx tsx deploy/generate-cloudformation.ts`)", () => {
    for (const [rel, content] of Object.entries(generatedFiles())) {
      expect(readFileSync(path.join(ROOT, rel), "utf8"), rel).toBe(content);
    }
  });

  it("default to the role names and resource prefix the application and the demo use", () => {
    const env = getEnv({} as NodeJS.ProcessEnv);
    expect(DEFAULTS.readRoleName).toBe(env.TRAILWARDEN_ROLE_NAME);
    expect(DEFAULTS.remediationRoleName).toBe(env.TRAILWARDEN_REMEDIATION_ROLE_NAME);
    expect(DEFAULTS.readRoleName).toBe(READ_ONLY_ROLE);
    expect(DEFAULTS.remediationRoleName).toBe(REMEDIATION_ROLE);
    const settings = remediationSettingsSchema.parse({});
    expect(DEFAULTS.resourcePrefix).toBe(settings.namePrefix);
    expect(new RegExp(RESOURCE_PREFIX_PATTERN).test(settings.namePrefix)).toBe(true);
    // Every prefix the settings accept, the templates accept, and the other way round.
    expect(readFileSync(path.join(ROOT, "lib/remediate/remediation-settings.ts"), "utf8")).toContain(
      `regex(/${RESOURCE_PREFIX_PATTERN}/`,
    );
    // The delivery role remediation passes is the one the templates create.
    expect(deliveryRoleName({ partition: "aws", prefix: "${ResourcePrefix}" })).toBe(
      `\${ResourcePrefix}${DELIVERY_ROLE_SUFFIX}`,
    );
    expect(readFileSync(path.join(ROOT, "deploy/terraform/member-roles/main.tf"), "utf8")).toContain(
      `name                 = "\${var.resource_prefix}${DELIVERY_ROLE_SUFFIX}"`,
    );
    const tf = readFileSync(path.join(ROOT, "deploy/terraform/member-roles/variables.tf"), "utf8");
    expect(tf).toContain(`default     = "${DEFAULTS.readRoleName}"`);
    expect(tf).toContain(`default     = "${DEFAULTS.remediationRoleName}"`);
    expect(tf).toContain(`default     = "${DEFAULTS.resourcePrefix}"`);
  });
});

describe.skipIf(!onPath("cfn-lint", ["--version"]))("cfn-lint", () => {
  it("accepts both templates, informational checks included", () => {
    const run = spawnSync("cfn-lint", ["--include-checks", "I", "--", ...TEMPLATES], { cwd: ROOT, encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});

describe.skipIf(!onPath("terraform", ["version"]))("the Terraform policies module", () => {
  it("renders exactly what CloudFormation's Fn::Sub renders, from the same files", () => {
    const values = {
      partition: "aws-us-gov",
      account_id: "111122223333",
      resource_prefix: "tw-test-",
      read_role_name: "CustomRead",
      remediation_role_name: "CustomRemediation",
      organization_id: "o-abcdefghij",
    };
    // A relative module source: Terraform copies an absolute one without deploy/policies.
    const dir = mkdtempSync(path.join(os.tmpdir(), "tw-tf-"));
    try {
      const source = path.relative(dir, path.join(ROOT, "deploy/terraform/policies")).split(path.sep).join("/");
      const inputs = Object.entries(values)
        .map(([k, v]) => `  ${k} = "${v}"`)
        .join("\n");
      writeFileSync(
        path.join(dir, "main.tf"),
        `module "p" {\n  source = "${source}"\n${inputs}\n}\n` +
          [
            "read",
            "remediation",
            "remediation_existing_buckets",
            "delivery",
            "delivery_trust",
            "hub",
            "hub_remediation",
          ]
            .map((o) => `output "${o}" { value = module.p.${o}_policy_json }`)
            .join("\n"),
      );
      const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
      execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
      execFileSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], {
        cwd: dir,
        env,
        stdio: "pipe",
      });
      const outputs = JSON.parse(
        execFileSync("terraform", ["output", "-json"], { cwd: dir, env, encoding: "utf8" }),
      ) as Record<string, { value: string }>;
      const sub = {
        "AWS::Partition": values.partition,
        "AWS::AccountId": values.account_id,
        ResourcePrefix: values.resource_prefix,
        ReadRoleName: values.read_role_name,
        RemediationRoleName: values.remediation_role_name,
        OrganizationId: values.organization_id,
      };
      const names: Record<string, PolicyName | TrustPolicyName> = {
        read: "read",
        remediation: "remediation",
        remediation_existing_buckets: "remediation-existing-buckets",
        delivery: "delivery",
        delivery_trust: "delivery-trust",
        hub: "hub",
        hub_remediation: "hub-remediation",
      };
      for (const [output, policy] of Object.entries(names)) {
        expect(JSON.parse(outputs[output]!.value) as JsonValue, output).toEqual(renderedPolicy(policy, sub));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("is formatted (terraform fmt)", () => {
    const run = spawnSync("terraform", ["fmt", "-check", "-recursive", "-no-color", "deploy/terraform"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
    });
    expect(run.stdout.trim(), "run `terraform fmt -recursive deploy/terraform`").toBe("");
    expect(run.status).toBe(0);
  });
});
