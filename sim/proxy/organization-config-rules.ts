// AWS Config's organization Config rules, which moto 5.2.1 lacks (it has account rules and
// organization conformance packs only): PutOrganizationConfigRule, DescribeOrganizationConfigRules,
// DescribeOrganizationConfigRuleStatuses, GetOrganizationConfigRuleDetailedStatus and
// DeleteOrganizationConfigRule, answered as AWS documents them:
// - only the organization's management account may call them (OrganizationAccessDeniedException),
//   in an organization with all features (NoAvailableOrganizationException,
//   OrganizationAllFeaturesNotEnabledException); rules are regional, like AWS Config itself;
// - Put enables AWS Config's multi-account trusted access in Organizations itself, creates or
//   updates the rule by name, and answers its ARN (`organization-config-rule/<name>-<8 chars>`);
// - the deployment status is worked out, when asked, from each active account's configuration
//   recorder in moto (DescribeConfigurationRecorders in the rule's region): an account without one
//   is CREATE_FAILED, as AWS reports it, and the rule is CREATE_FAILED unless every account took it.
// `POST /moto-api/reset` forgets every rule.
import type { ProxyContext, ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { jsonAnswer, type ProxyAnswer } from "@/sim/proxy/aws-errors";
import type { AwsCall } from "@/sim/proxy/describe-call";
import { DEFAULT_ACCOUNT, MotoReader } from "@/sim/proxy/moto-reads";

const OPERATIONS = new Set([
  "PutOrganizationConfigRule",
  "DescribeOrganizationConfigRules",
  "DescribeOrganizationConfigRuleStatuses",
  "GetOrganizationConfigRuleDetailedStatus",
  "DeleteOrganizationConfigRule",
]);
const FREQUENCIES = ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"];
const RULE_METADATA = [
  "OrganizationManagedRuleMetadata",
  "OrganizationCustomRuleMetadata",
  "OrganizationCustomPolicyRuleMetadata",
] as const;
export const CONFIG_MULTI_ACCOUNT = "config-multiaccountsetup.amazonaws.com";

interface StoredRule {
  name: string;
  arn: string;
  suffix: string;
  metadata: Record<string, unknown>;
  excluded: string[];
  updated: boolean;
  lastUpdate: number;
}

type Json = Record<string, unknown>;

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const organizations = (moto: MotoReader, op: string, body: Json, account: string) =>
  moto.json("organizations", `AWSOrganizationsV20161128.${op}`, body, account, "us-east-1");

/** The caller's organization, when the caller is its management account (else the refusal AWS gives). */
async function managedOrganization(moto: MotoReader, account: string): Promise<void> {
  const described = await organizations(moto, "DescribeOrganization", {}, account);
  const org = described.value.Organization as Json | undefined;
  if (described.status !== 200 || !org)
    throw new Refusal("NoAvailableOrganizationException", "Organization is not available.");
  if (org.MasterAccountId !== account)
    throw new Refusal(
      "OrganizationAccessDeniedException",
      "This action can only be performed if you are a registered delegated administrator for AWS Config with " +
        "permissions to call ListDelegatedAdministrators API or the management account of the organization.",
    );
  if (org.FeatureSet !== "ALL")
    throw new Refusal(
      "OrganizationAllFeaturesNotEnabledException",
      "AWS Config organization rules require all features to be enabled in AWS Organizations.",
    );
}

async function activeAccounts(moto: MotoReader, management: string): Promise<string[]> {
  const out: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await organizations(moto, "ListAccounts", NextToken ? { NextToken } : {}, management);
    for (const a of (page.value.Accounts as Json[] | undefined) ?? [])
      if (a.Status === "ACTIVE" && typeof a.Id === "string") out.push(a.Id);
    NextToken = page.value.NextToken as string | undefined;
  } while (NextToken);
  return out;
}

async function hasRecorder(moto: MotoReader, account: string, region: string): Promise<boolean> {
  const r = await moto.json("config", "StarlingDoveService.DescribeConfigurationRecorders", {}, account, region);
  return r.status === 200 && ((r.value.ConfigurationRecorders as unknown[] | undefined) ?? []).length > 0;
}

function validatePut(input: Json): void {
  const name = input.OrganizationConfigRuleName;
  if (typeof name !== "string" || name.length < 1 || name.length > 64 || !/\S/.test(name))
    throw new Refusal("ValidationException", "OrganizationConfigRuleName must be 1 to 64 characters.");
  const given = RULE_METADATA.filter((k) => input[k] !== undefined);
  if (given.length !== 1)
    throw new Refusal(
      "ValidationException",
      "Exactly one of OrganizationManagedRuleMetadata, OrganizationCustomRuleMetadata or OrganizationCustomPolicyRuleMetadata is required.",
    );
  const managed = input.OrganizationManagedRuleMetadata as Json | undefined;
  if (managed) {
    const id = managed.RuleIdentifier;
    if (typeof id !== "string" || id.length < 1 || id.length > 256)
      throw new Refusal("ValidationException", "RuleIdentifier is required (1 to 256 characters).");
    const frequency = managed.MaximumExecutionFrequency;
    if (frequency !== undefined && !FREQUENCIES.includes(String(frequency)))
      throw new Refusal(
        "ValidationException",
        `Value '${String(frequency)}' at 'maximumExecutionFrequency' failed to satisfy constraint: Member must satisfy enum value set: [${FREQUENCIES.join(", ")}]`,
      );
  }
}

const randomSuffix = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");

export function organizationConfigRulesInterceptor(): ProxyInterceptor {
  const rules = new Map<string, StoredRule>(); // `${management}|${region}|${name}`
  const key = (account: string, region: string, name: string) => `${account}|${region}|${name}`;
  const inRegion = (account: string, region: string) =>
    [...rules.entries()].filter(([k]) => k.startsWith(`${account}|${region}|`)).map(([, r]) => r);

  function named(account: string, region: string, names: unknown): StoredRule[] {
    const all = inRegion(account, region);
    if (!Array.isArray(names) || names.length === 0) return all.sort((a, b) => a.name.localeCompare(b.name));
    return names.map((n) => {
      const rule = rules.get(key(account, region, String(n)));
      if (!rule)
        throw new Refusal(
          "NoSuchOrganizationConfigRuleException",
          `The organization config rule ${String(n)} does not exist.`,
        );
      return rule;
    });
  }

  async function memberStatuses(moto: MotoReader, account: string, region: string, rule: StoredRule) {
    const accounts = (await activeAccounts(moto, account)).filter((a) => !rule.excluded.includes(a));
    const verb = rule.updated ? "UPDATE" : "CREATE";
    return Promise.all(
      accounts.map(async (id) => {
        const ok = await hasRecorder(moto, id, region);
        return {
          AccountId: id,
          ConfigRuleName: `OrgConfigRule-${rule.name}-${rule.suffix}`,
          MemberAccountRuleStatus: ok ? `${verb}_SUCCESSFUL` : `${verb}_FAILED`,
          ...(ok
            ? {}
            : {
                ErrorCode: "NoAvailableConfigurationRecorderException",
                ErrorMessage: `There is no configuration recorder in account ${id} in ${region}: AWS Config cannot put the rule.`,
              }),
          LastUpdateTime: rule.lastUpdate / 1000,
        };
      }),
    );
  }

  async function answer(call: AwsCall, ctx: ProxyContext): Promise<ProxyAnswer> {
    const moto = new MotoReader(ctx);
    const account = call.accountId ?? DEFAULT_ACCOUNT;
    const region = call.region;
    const input = call.input ?? {};
    await managedOrganization(moto, account);
    switch (call.operation) {
      case "PutOrganizationConfigRule": {
        validatePut(input);
        const name = String(input.OrganizationConfigRuleName);
        // As AWS documents: the call itself enables AWS Config's multi-account trusted access.
        await organizations(moto, "EnableAWSServiceAccess", { ServicePrincipal: CONFIG_MULTI_ACCOUNT }, account);
        const known = rules.get(key(account, region, name));
        const metadataKey = RULE_METADATA.find((k) => input[k] !== undefined)!;
        const suffix = known?.suffix ?? randomSuffix();
        const rule: StoredRule = {
          name,
          suffix,
          arn: known?.arn ?? `arn:aws:config:${region}:${account}:organization-config-rule/${name}-${suffix}`,
          metadata: { [metadataKey]: input[metadataKey] },
          excluded: Array.isArray(input.ExcludedAccounts) ? input.ExcludedAccounts.map(String) : [],
          updated: Boolean(known),
          lastUpdate: Date.now(),
        };
        rules.set(key(account, region, name), rule);
        return jsonAnswer({ OrganizationConfigRuleArn: rule.arn });
      }
      case "DescribeOrganizationConfigRules":
        return jsonAnswer({
          OrganizationConfigRules: named(account, region, input.OrganizationConfigRuleNames).map((r) => ({
            OrganizationConfigRuleName: r.name,
            OrganizationConfigRuleArn: r.arn,
            ...r.metadata,
            ExcludedAccounts: r.excluded,
            LastUpdateTime: r.lastUpdate / 1000,
          })),
        });
      case "DescribeOrganizationConfigRuleStatuses": {
        const out = [];
        for (const r of named(account, region, input.OrganizationConfigRuleNames)) {
          const members = await memberStatuses(moto, account, region, r);
          const failed = members.filter((m) => m.MemberAccountRuleStatus.endsWith("_FAILED"));
          const verb = r.updated ? "UPDATE" : "CREATE";
          out.push({
            OrganizationConfigRuleName: r.name,
            OrganizationRuleStatus: failed.length > 0 ? `${verb}_FAILED` : `${verb}_SUCCESSFUL`,
            ...(failed.length > 0
              ? {
                  ErrorMessage: `The rule could not be deployed in ${failed.length} account(s); see GetOrganizationConfigRuleDetailedStatus.`,
                }
              : {}),
            LastUpdateTime: r.lastUpdate / 1000,
          });
        }
        return jsonAnswer({ OrganizationConfigRuleStatuses: out });
      }
      case "GetOrganizationConfigRuleDetailedStatus": {
        const [rule] = named(account, region, [input.OrganizationConfigRuleName]);
        const filters = (input.Filters ?? {}) as Json;
        const members = (await memberStatuses(moto, account, region, rule!)).filter(
          (m) =>
            (filters.AccountId === undefined || m.AccountId === filters.AccountId) &&
            (filters.MemberAccountRuleStatus === undefined ||
              m.MemberAccountRuleStatus === filters.MemberAccountRuleStatus),
        );
        return jsonAnswer({ OrganizationConfigRuleDetailedStatus: members });
      }
      default: {
        const [rule] = named(account, region, [input.OrganizationConfigRuleName]);
        rules.delete(key(account, region, rule!.name));
        return jsonAnswer({});
      }
    }
  }

  return {
    name: "organization-config-rules",
    async intercept(call, ctx) {
      if (call.method === "POST" && call.url.startsWith("/moto-api/reset")) {
        rules.clear();
        return undefined;
      }
      if (call.service !== "config" || !OPERATIONS.has(call.operation)) return undefined;
      try {
        return await answer(call, ctx);
      } catch (err) {
        if (err instanceof Refusal) return ctx.awsError(call, 400, err.code, err.message);
        throw err;
      }
    },
  };
}
