// The simulator's organization Config rules (moto 5.2.1 has none), checked against its own moto and
// proxy: only the management account of an all-features organization may call them, the input is
// validated as AWS validates it, Put enables AWS Config's trusted access itself, rules are regional,
// and the deployment status follows each account's configuration recorder.
import {
  ConfigServiceClient,
  DeleteOrganizationConfigRuleCommand,
  DescribeOrganizationConfigRulesCommand,
  DescribeOrganizationConfigRuleStatusesCommand,
  GetOrganizationConfigRuleDetailedStatusCommand,
  PutConfigurationRecorderCommand,
  PutOrganizationConfigRuleCommand,
  type PutOrganizationConfigRuleCommandInput,
} from "@aws-sdk/client-config-service";
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assumeRoleCredentials, motoClientConfig, type SimCredentials } from "@/sim/aws-env";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";
import { organizationConfigRulesInterceptor } from "@/sim/proxy/organization-config-rules";
import { startMoto, type MotoServer } from "@/sim/start-moto";

const MANAGEMENT = "123456789012";
const RULE = "trailwarden-multi-region-cloudtrail-enabled";
let moto: MotoServer;
let proxy: AwsProxy;
let member: string;
const opened: { destroy(): void }[] = [];

function config(credentials?: SimCredentials, region = "us-east-1"): ConfigServiceClient {
  const client = new ConfigServiceClient(motoClientConfig(proxy.endpoint, credentials, region));
  opened.push(client);
  return client;
}

const managed = (over: Partial<PutOrganizationConfigRuleCommandInput> = {}): PutOrganizationConfigRuleCommandInput => ({
  OrganizationConfigRuleName: RULE,
  OrganizationManagedRuleMetadata: { RuleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED" },
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { name: string }).name;
  }
  return "no error";
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAwsProxy({ target: moto.endpoint, interceptors: [organizationConfigRulesInterceptor()] });
}, 120_000);

afterAll(async () => {
  for (const c of opened) c.destroy();
  await proxy?.stop();
  await moto?.stop();
});

describe("organization Config rules in the simulator", () => {
  it("refuses without an organization, then from a member account", async () => {
    expect(await refusal(config().send(new PutOrganizationConfigRuleCommand(managed())))).toBe(
      "NoAvailableOrganizationException",
    );
    const org = new OrganizationsClient(motoClientConfig(proxy.endpoint));
    opened.push(org);
    await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    await org.send(new CreateAccountCommand({ AccountName: "member", Email: "member@example.com" }));
    member = ((await org.send(new ListAccountsCommand({}))).Accounts ?? []).find((a) => a.Id !== MANAGEMENT)!.Id!;
    const memberConfig = config(await assumeRoleCredentials(proxy.endpoint, member));
    expect(await refusal(memberConfig.send(new DescribeOrganizationConfigRulesCommand({})))).toBe(
      "OrganizationAccessDeniedException",
    );
  });

  it("validates the input as AWS does", async () => {
    const c = config();
    expect(await refusal(c.send(new PutOrganizationConfigRuleCommand({ OrganizationConfigRuleName: RULE })))).toBe(
      "ValidationException",
    );
    expect(
      await refusal(
        c.send(
          new PutOrganizationConfigRuleCommand(
            managed({
              OrganizationCustomRuleMetadata: {
                LambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
                OrganizationConfigRuleTriggerTypes: ["ScheduledNotification"],
              },
            }),
          ),
        ),
      ),
    ).toBe("ValidationException");
    expect(
      await refusal(
        c.send(
          new PutOrganizationConfigRuleCommand(
            managed({
              OrganizationManagedRuleMetadata: {
                RuleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
                MaximumExecutionFrequency: "Daily" as never,
              },
            }),
          ),
        ),
      ),
    ).toBe("ValidationException");
    expect(
      await refusal(c.send(new DescribeOrganizationConfigRulesCommand({ OrganizationConfigRuleNames: ["nope"] }))),
    ).toBe("NoSuchOrganizationConfigRuleException");
  });

  it("creates the rule, enables trusted access, reports each account's deployment, and is regional", async () => {
    const c = config();
    const org = new OrganizationsClient(motoClientConfig(proxy.endpoint));
    opened.push(org);
    const out = await c.send(new PutOrganizationConfigRuleCommand(managed()));
    expect(out.OrganizationConfigRuleArn).toMatch(
      new RegExp(`^arn:aws:config:us-east-1:${MANAGEMENT}:organization-config-rule/${RULE}-[a-z0-9]{8}$`),
    );
    const services = (await org.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals;
    expect(services?.map((s) => s.ServicePrincipal)).toContain("config-multiaccountsetup.amazonaws.com");

    const rules = (await c.send(new DescribeOrganizationConfigRulesCommand({}))).OrganizationConfigRules ?? [];
    expect(rules).toEqual([
      expect.objectContaining({
        OrganizationConfigRuleName: RULE,
        OrganizationConfigRuleArn: out.OrganizationConfigRuleArn,
        OrganizationManagedRuleMetadata: { RuleIdentifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED" },
      }),
    ]);
    expect(
      (await config(undefined, "eu-west-1").send(new DescribeOrganizationConfigRulesCommand({})))
        .OrganizationConfigRules,
    ).toEqual([]);

    // No configuration recorder anywhere: AWS Config cannot deploy it.
    const status = async () =>
      (await c.send(new DescribeOrganizationConfigRuleStatusesCommand({ OrganizationConfigRuleNames: [RULE] })))
        .OrganizationConfigRuleStatuses?.[0]?.OrganizationRuleStatus;
    expect(await status()).toBe("CREATE_FAILED");
    const detailed = await c.send(
      new GetOrganizationConfigRuleDetailedStatusCommand({ OrganizationConfigRuleName: RULE }),
    );
    expect(
      detailed.OrganizationConfigRuleDetailedStatus?.map((d) => [d.AccountId, d.MemberAccountRuleStatus]).sort(),
    ).toEqual(
      [
        [MANAGEMENT, "CREATE_FAILED"],
        [member, "CREATE_FAILED"],
      ].sort(),
    );

    const record = (client: ConfigServiceClient, account: string) =>
      client.send(
        new PutConfigurationRecorderCommand({
          ConfigurationRecorder: { name: "default", roleARN: `arn:aws:iam::${account}:role/config` },
        }),
      );
    await record(c, MANAGEMENT);
    const failedOnly = await c.send(
      new GetOrganizationConfigRuleDetailedStatusCommand({
        OrganizationConfigRuleName: RULE,
        Filters: { MemberAccountRuleStatus: "CREATE_FAILED" },
      }),
    );
    expect(failedOnly.OrganizationConfigRuleDetailedStatus?.map((d) => d.AccountId)).toEqual([member]);
    await record(config(await assumeRoleCredentials(proxy.endpoint, member)), member);
    expect(await status()).toBe("CREATE_SUCCESSFUL");

    await c.send(new DeleteOrganizationConfigRuleCommand({ OrganizationConfigRuleName: RULE }));
    expect((await c.send(new DescribeOrganizationConfigRulesCommand({}))).OrganizationConfigRules).toEqual([]);
  });
});
