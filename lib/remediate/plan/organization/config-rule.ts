// The optional AWS Config guard of the organization fix (off unless `organization.configRule` or
// TRAILWARDEN_ORGANIZATION_CONFIG_RULE): AWS Config's managed rule multi-region-cloudtrail-enabled
// deployed to every account as an organization Config rule, from the management account, in the
// plan's home region (the rule checks an account-wide property: one region is enough). AWS Config
// then flags, in each account's own console, an account left without a logging multi-region trail.
// Read live like the guardrail: existing organization Config rules and their deployment status.
// Trailwarden only creates the rule: it never edits or deletes an organization Config rule (an
// existing rule with the same managed rule is adopted whatever its name), and never starts a
// configuration recorder, which the rule needs in each account to evaluate anything.
import {
  DescribeOrganizationConfigRulesCommand,
  DescribeOrganizationConfigRuleStatusesCommand,
  GetOrganizationConfigRuleDetailedStatusCommand,
  type ConfigServiceClient,
} from "@aws-sdk/client-config-service";

/** AWS Config's identifier of the managed rule `multi-region-cloudtrail-enabled`. */
export const MULTI_REGION_CLOUDTRAIL_RULE = "MULTI_REGION_CLOUD_TRAIL_ENABLED";
export const CONFIG_MULTI_ACCOUNT_PRINCIPAL = "config-multiaccountsetup.amazonaws.com";
export const CONFIG_RULE_NAME_SUFFIX = "multi-region-cloudtrail-enabled";

export const configRuleName = (prefix: string) => `${prefix}${CONFIG_RULE_NAME_SUFFIX}`;

export interface ConfigRuleState {
  region: string;
  /** The organization Config rule running the managed rule (ours by name, or any other name): adopted. */
  existing: { name: string; arn: string; ruleIdentifier: string | null } | null;
  /** A rule of our name running something else: never changed, the plan is blocked. */
  nameTaken: { ruleIdentifier: string | null } | null;
  /** The deployment status AWS reports for `existing` (CREATE_SUCCESSFUL, CREATE_FAILED …). */
  status: string | null;
  /** Accounts where AWS Config could not deploy the rule, with AWS's reason. */
  failedAccounts: { accountId: string; error: string }[];
}

async function pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next;
  } while (token);
  return out;
}

export async function readConfigRuleState(
  config: ConfigServiceClient,
  options: { name: string; region: string },
): Promise<ConfigRuleState> {
  const rules = await pages(async (NextToken) => {
    const r = await config.send(new DescribeOrganizationConfigRulesCommand({ NextToken }));
    return { items: r.OrganizationConfigRules ?? [], next: r.NextToken };
  });
  const identifierOf = (r: (typeof rules)[number]) => r.OrganizationManagedRuleMetadata?.RuleIdentifier ?? null;
  const named = rules.find((r) => r.OrganizationConfigRuleName === options.name);
  const found =
    named && identifierOf(named) === MULTI_REGION_CLOUDTRAIL_RULE
      ? named
      : rules.find((r) => identifierOf(r) === MULTI_REGION_CLOUDTRAIL_RULE);
  const state: ConfigRuleState = {
    region: options.region,
    existing: found
      ? {
          name: found.OrganizationConfigRuleName ?? "",
          arn: found.OrganizationConfigRuleArn ?? "",
          ruleIdentifier: identifierOf(found),
        }
      : null,
    nameTaken:
      named && identifierOf(named) !== MULTI_REGION_CLOUDTRAIL_RULE ? { ruleIdentifier: identifierOf(named) } : null,
    status: null,
    failedAccounts: [],
  };
  if (!state.existing) return state;
  const name = state.existing.name;
  const statuses = await config.send(
    new DescribeOrganizationConfigRuleStatusesCommand({ OrganizationConfigRuleNames: [name] }),
  );
  state.status = statuses.OrganizationConfigRuleStatuses?.[0]?.OrganizationRuleStatus ?? null;
  if (state.status && /FAILED/.test(state.status)) {
    const members = await pages(async (NextToken) => {
      const r = await config.send(
        new GetOrganizationConfigRuleDetailedStatusCommand({ OrganizationConfigRuleName: name, NextToken }),
      );
      return { items: r.OrganizationConfigRuleDetailedStatus ?? [], next: r.NextToken };
    });
    state.failedAccounts = members
      .filter((m) => /FAILED/.test(m.MemberAccountRuleStatus ?? ""))
      .map((m) => ({
        accountId: m.AccountId ?? "",
        error: [m.ErrorCode, m.ErrorMessage].filter(Boolean).join(": ") || (m.MemberAccountRuleStatus ?? ""),
      }));
  }
  return state;
}
