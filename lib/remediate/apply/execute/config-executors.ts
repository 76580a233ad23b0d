// AWS Config executor for the organization fix's optional rule (management account). Reads first:
// an organization Config rule that already runs multi-region-cloudtrail-enabled (any name) is left
// as it is; a rule of our name running anything else is refused (PutOrganizationConfigRule would
// overwrite it, and Trailwarden never changes a Config rule it did not create).
import {
  DescribeOrganizationConfigRulesCommand,
  PutOrganizationConfigRuleCommand,
  type OrganizationConfigRule,
  type OrganizationManagedRuleMetadata,
} from "@aws-sdk/client-config-service";
import { changed, SafetyError, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";
import { MULTI_REGION_CLOUDTRAIL_RULE } from "@/lib/remediate/plan/organization/config-rule";
import type { JsonObject } from "@/lib/remediate/plan/plan-types";

async function organizationRules(
  send: (c: DescribeOrganizationConfigRulesCommand) => Promise<{
    OrganizationConfigRules?: OrganizationConfigRule[];
    NextToken?: string;
  }>,
): Promise<OrganizationConfigRule[]> {
  const out: OrganizationConfigRule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await send(new DescribeOrganizationConfigRulesCommand({ NextToken }));
    out.push(...(page.OrganizationConfigRules ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

const putOrganizationConfigRule: Executor = async ({ clients, log }, params) => {
  const name = String(params.OrganizationConfigRuleName);
  const metadata = params.OrganizationManagedRuleMetadata as JsonObject | undefined;
  if (metadata?.RuleIdentifier !== MULTI_REGION_CLOUDTRAIL_RULE)
    throw new SafetyError(`only AWS Config's managed rule ${MULTI_REGION_CLOUDTRAIL_RULE} may be deployed`);
  const rules = await organizationRules((c) => clients.config.send(c));
  const identifier = (r: OrganizationConfigRule) => r.OrganizationManagedRuleMetadata?.RuleIdentifier;
  const named = rules.find((r) => r.OrganizationConfigRuleName === name);
  if (named && identifier(named) !== MULTI_REGION_CLOUDTRAIL_RULE)
    throw new SafetyError(
      `an organization Config rule named ${name} runs ${identifier(named) ?? "a custom rule"}: Trailwarden never changes a Config rule it did not create`,
    );
  const running = named ?? rules.find((r) => identifier(r) === MULTI_REGION_CLOUDTRAIL_RULE);
  if (running) {
    log(`organization Config rule ${running.OrganizationConfigRuleName} already runs ${MULTI_REGION_CLOUDTRAIL_RULE}`);
    return unchanged({
      OrganizationConfigRuleName: running.OrganizationConfigRuleName ?? name,
      OrganizationConfigRuleArn: running.OrganizationConfigRuleArn ?? "",
    });
  }
  const out = await clients.config.send(
    new PutOrganizationConfigRuleCommand({
      OrganizationConfigRuleName: name,
      OrganizationManagedRuleMetadata: metadata as unknown as OrganizationManagedRuleMetadata,
    }),
  );
  return changed({ OrganizationConfigRuleName: name, OrganizationConfigRuleArn: out.OrganizationConfigRuleArn ?? "" });
};

export const CONFIG_EXECUTORS: Record<string, Executor> = {
  PutOrganizationConfigRule: putOrganizationConfigRule,
};
