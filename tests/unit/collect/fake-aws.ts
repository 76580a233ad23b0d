// Test support: a RunContext over aws-sdk-client-mock stubs. Every stub answers per account: the
// account a call acts in is read from the client's credentials, which the STS stub issues as
// "AK<accountId>". So one stub plays several accounts, like AWS does.
import { CloudTrailClient, ListEventDataStoresCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import { RunContext, type CollectionSettings } from "@/lib/collect/run-context";

export const MGMT = "111111111111";
export const MEMBER = "222222222222";
export const ARCHIVE = "333333333333";
export const REGION = "us-east-1";

export function settings(overrides: Partial<CollectionSettings> = {}): CollectionSettings {
  return {
    primaryRegion: REGION,
    regions: [REGION],
    discovery: "organizations",
    roleName: "TrailwardenReadOnly",
    securityHub: { mode: "off" },
    concurrency: 4,
    maxAttempts: 2,
    timeoutMs: 2_000,
    ...overrides,
  };
}

/** An SDK-shaped service error. */
export function awsError(name: string, message = name, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode } });
}

interface ClientLike {
  config: { credentials: () => Promise<AwsCredentialIdentity> };
}

/** The account a mocked call acts in. */
export async function accountOf(getClient: () => unknown): Promise<string> {
  const creds = await (getClient() as ClientLike).config.credentials();
  return creds.accessKeyId.replace(/^AK/, "");
}

export interface FakeAws {
  sts: AwsClientStub<STSClient>;
  cloudtrail: AwsClientStub<CloudTrailClient>;
  s3: AwsClientStub<S3Client>;
  logs: AwsClientStub<CloudWatchLogsClient>;
  cloudwatch: AwsClientStub<CloudWatchClient>;
  sns: AwsClientStub<SNSClient>;
  ec2: AwsClientStub<EC2Client>;
  restore(): void;
}

/** Stubs with harmless defaults: an organization of MGMT, MEMBER and ARCHIVE with nothing in it. */
export function fakeAws(): FakeAws {
  const f: FakeAws = {
    sts: mockClient(STSClient),
    cloudtrail: mockClient(CloudTrailClient),
    s3: mockClient(S3Client),
    logs: mockClient(CloudWatchLogsClient),
    cloudwatch: mockClient(CloudWatchClient),
    sns: mockClient(SNSClient),
    ec2: mockClient(EC2Client),
    restore: () => {
      for (const m of [f.sts, f.cloudtrail, f.s3, f.logs, f.cloudwatch, f.sns, f.ec2]) m.restore();
    },
  };
  f.sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999999", Arn: "arn:aws:iam::999999999999:user/hub" });
  f.sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = input.RoleArn.split(":")[4]!;
    return {
      Credentials: {
        AccessKeyId: `AK${account}`,
        SecretAccessKey: "secret",
        SessionToken: "token",
        Expiration: new Date(Date.now() + 3_600_000),
      },
    };
  });
  f.ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: REGION, OptInStatus: "opt-in-not-required" }] });
  f.cloudtrail.on(ListEventDataStoresCommand).resolves({ EventDataStores: [] });
  f.logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  f.logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  f.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  return f;
}

export async function context(overrides: Partial<CollectionSettings> = {}): Promise<RunContext> {
  const ctx = new RunContext(settings(overrides));
  await ctx.init();
  ctx.organization = { id: "o-test", managementAccountId: MGMT };
  ctx.orgAccounts.set(MGMT, { id: MGMT, name: "management", isManagement: true });
  ctx.orgAccounts.set(MEMBER, { id: MEMBER, name: "member", isManagement: false });
  ctx.orgAccounts.set(ARCHIVE, { id: ARCHIVE, name: "log-archive", isManagement: false });
  return ctx;
}

export function trailArn(account: string, name: string, region = REGION): string {
  return `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
}
