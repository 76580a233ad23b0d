// The optional AWS Config rule's steps (config-rule.ts says what it is), in the management account:
// enable AWS Config's multi-account trusted access when it is off (PutOrganizationConfigRule would
// do it silently; the plan shows it), then create the organization Config rule when no rule runs
// the managed rule yet. A rule of our name running something else blocks the plan; accounts where
// AWS Config could not deploy the rule (no configuration recorder) are a person's action.
import {
  CONFIG_MULTI_ACCOUNT_PRINCIPAL,
  configRuleName,
  MULTI_REGION_CLOUDTRAIL_RULE,
  type ConfigRuleState,
} from "@/lib/remediate/plan/organization/config-rule";
import { ORGANIZATIONS_REGION } from "@/lib/remediate/plan/organization/organizations-reader";
import type { OrganizationPlanInfo, PlanIssue, PlanStep } from "@/lib/remediate/plan/plan-types";
import { makeStep } from "@/lib/remediate/plan/steps/make-step";

/** The pseudo-control verification reports for the rule (a person's action when members cannot run it). */
export const CONFIG_RULE_CONTROL = "config-rule";

export interface ConfigRulePlan {
  steps: PlanStep[];
  blockers: PlanIssue[];
  notes: PlanIssue[];
  info: NonNullable<OrganizationPlanInfo["configRule"]>;
}

export function planConfigRule(input: {
  managementAccountId: string;
  prefix: string;
  trustedAccess: boolean;
  state: ConfigRuleState;
}): ConfigRulePlan {
  const { state, managementAccountId } = input;
  const name = configRuleName(input.prefix);
  const steps: PlanStep[] = [];
  const blockers: PlanIssue[] = [];
  const notes: PlanIssue[] = [];
  const organizationStep = (step: PlanStep): void => void steps.push({ ...step, organization: true });
  if (state.nameTaken) {
    blockers.push({
      code: "config-rule-name-taken",
      message:
        `an organization Config rule named ${name} exists but runs ` +
        `${state.nameTaken.ruleIdentifier ?? "a custom rule"}, not ${MULTI_REGION_CLOUDTRAIL_RULE}: Trailwarden ` +
        "never changes a Config rule it did not create; rename it, change the resource prefix, or turn the " +
        "Config rule option off",
      controls: [],
    });
  }
  if (!input.trustedAccess && !state.existing) {
    organizationStep(
      makeStep({
        title: "Enable AWS Config's multi-account trusted access in AWS Organizations",
        why: "AWS Config deploys an organization Config rule to the members only with trusted access (PutOrganizationConfigRule would otherwise enable it unannounced)",
        controls: [],
        service: "organizations",
        operation: "EnableAWSServiceAccess",
        region: ORGANIZATIONS_REGION,
        targetAccountId: managementAccountId,
        resource: CONFIG_MULTI_ACCOUNT_PRINCIPAL,
        action: "update",
        changes: [{ attribute: "EnabledServicePrincipals", from: null, to: CONFIG_MULTI_ACCOUNT_PRINCIPAL }],
        params: { ServicePrincipal: CONFIG_MULTI_ACCOUNT_PRINCIPAL },
      }),
    );
  }
  if (!state.existing && !state.nameTaken) {
    organizationStep(
      makeStep({
        title: `Deploy the AWS Config rule ${name} (multi-region-cloudtrail-enabled) to every account`,
        why: "AWS Config then flags, in every account's own console and findings, an account left without a logging multi-region trail, between Trailwarden's collections",
        controls: [],
        service: "config",
        operation: "PutOrganizationConfigRule",
        region: state.region,
        targetAccountId: managementAccountId,
        resource: name,
        action: "create",
        changes: [
          { attribute: "OrganizationManagedRuleMetadata.RuleIdentifier", from: null, to: MULTI_REGION_CLOUDTRAIL_RULE },
        ],
        params: {
          OrganizationConfigRuleName: name,
          OrganizationManagedRuleMetadata: {
            RuleIdentifier: MULTI_REGION_CLOUDTRAIL_RULE,
            Description: "Trailwarden: at least one multi-region CloudTrail trail logs in this account",
            MaximumExecutionFrequency: "TwentyFour_Hours",
          },
        },
      }),
    );
  }
  if (state.failedAccounts.length > 0) {
    const list = state.failedAccounts.map((a) => `${a.accountId} (${a.error})`).join(", ");
    const count = state.failedAccounts.length;
    notes.push({
      code: "config-rule-not-deployed",
      message:
        `AWS Config could not deploy ${state.existing?.name ?? name} in ${count} account${count > 1 ? "s" : ""}: ` +
        `${list}. The rule needs a configuration recorder in each account (in ${state.region}); Trailwarden ` +
        "never starts one (AWS Config bills recorded items): turn recording on there, and AWS Config retries " +
        "the deployment",
      controls: [CONFIG_RULE_CONTROL],
    });
  }
  return {
    steps,
    blockers,
    notes,
    info: {
      name: state.existing?.name ?? name,
      region: state.region,
      exists: Boolean(state.existing),
      status: state.status,
      trustedAccess: input.trustedAccess,
      failedAccounts: state.failedAccounts.map((a) => a.accountId),
    },
  };
}
