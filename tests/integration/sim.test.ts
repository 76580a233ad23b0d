// The simulated organization is what the manifest says it is, checked independently with the SDK
// against a moto this file starts itself (so it does not disturb the shared one).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
} from "@aws-sdk/client-cloudtrail";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeMetricFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import {
  ListAccountsCommand,
  ListParentsCommand,
  DescribeOrganizationalUnitCommand,
} from "@aws-sdk/client-organizations";
import { GetBucketLoggingCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import { GetFindingsCommand, type AwsSecurityFinding } from "@aws-sdk/client-securityhub";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";

import { accountClients, managementClients, type SimClients } from "@/sim/aws-env";
import { CIS_FILTERS } from "@/sim/cis-patterns";
import type { SimAccount, SimManifest } from "@/sim/manifest";
import { seedOrganization } from "@/sim/seed-organization";
import { startMoto, type MotoServer } from "@/sim/start-moto";

const NOW = new Date("2026-11-20T12:00:00.000Z");
let moto: MotoServer;
let manifest: SimManifest;
const opened: SimClients[] = [];

const account = (name: string): SimAccount => {
  const found = manifest.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name} in the manifest`);
  return found;
};
/** Clients in an account through the role the collector uses. */
async function readOnly(name: string): Promise<SimClients> {
  const clients = await accountClients(moto.endpoint, account(name).accountId, manifest.roleNames.readOnly);
  opened.push(clients);
  return clients;
}

/** Clients in the management account (moto's default credentials). */
function management(): SimClients {
  const clients = managementClients(moto.endpoint);
  opened.push(clients);
  return clients;
}

beforeAll(async () => {
  moto = await startMoto();
  manifest = await seedOrganization(moto.endpoint, { now: NOW });
}, 180_000);

afterAll(async () => {
  for (const c of opened) c.destroy();
  await moto?.stop();
});

describe("the simulated organization", () => {
  it("has the management account and at least 13 members in at least 3 OUs, as Organizations reports them", async () => {
    const org = management().organizations;
    const { Accounts = [] } = await org.send(new ListAccountsCommand({}));
    expect(Accounts.map((a) => a.Id).sort()).toEqual(manifest.accounts.map((a) => a.accountId).sort());
    expect(manifest.accounts.filter((a) => a.accountId !== manifest.managementAccountId).length).toBeGreaterThanOrEqual(
      13,
    );
    expect(new Set(manifest.accounts.map((a) => a.ouPath)).size).toBeGreaterThanOrEqual(4);

    for (const a of manifest.accounts.filter((x) => x.ouPath !== "Root")) {
      const { Parents = [] } = await org.send(new ListParentsCommand({ ChildId: a.accountId }));
      const { OrganizationalUnit } = await org.send(
        new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: Parents[0]?.Id }),
      );
      expect(a.ouPath.endsWith(`/${OrganizationalUnit?.Name}`)).toBe(true);
      expect(Accounts.find((x) => x.Id === a.accountId)?.Name).toBe(a.name);
    }
  });

  it("creates the Trailwarden roles in every account, and assuming the read role acts in that account", async () => {
    for (const a of manifest.accounts) {
      const clients = await readOnly(a.name);
      expect((await clients.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(a.accountId);
      for (const role of [manifest.roleNames.readOnly, manifest.roleNames.remediation]) {
        expect((await clients.iam.send(new GetRoleCommand({ RoleName: role }))).Role?.Arn).toBe(
          `arn:aws:iam::${a.accountId}:role/${role}`,
        );
      }
      const { Trails = [] } = await clients.cloudtrail.send(new ListTrailsCommand({}));
      expect(Trails.map((t) => t.Name).sort()).toEqual(a.trails.map((t) => t.name).sort());
    }
  });

  it("has a healthy organization trail in the management account delivering to the log-archive bucket", async () => {
    const mgmt = management();
    const { Trail } = await mgmt.cloudtrail.send(new GetTrailCommand({ Name: "org-trail" }));
    expect(Trail).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      S3BucketName: manifest.centralBucketName,
    });
    expect(Trail?.TrailARN).toBe(manifest.organizationTrailArn);
    expect((await mgmt.cloudtrail.send(new GetTrailStatusCommand({ Name: "org-trail" }))).IsLogging).toBe(true);
    const { EventSelectors } = await mgmt.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: "org-trail" }));
    expect(EventSelectors?.[0]).toMatchObject({ ReadWriteType: "All", IncludeManagementEvents: true });
    expect(account("log-archive").accountId).toBe(manifest.logArchiveAccountId);

    const archive = await readOnly("log-archive");
    const logging = await archive.s3.send(new GetBucketLoggingCommand({ Bucket: manifest.centralBucketName }));
    expect(logging.LoggingEnabled?.TargetBucket).toBeTruthy();
  });

  it("carries the 14 CIS filters byte for byte, with alarms to a subscribed topic, on the organization trail's log group", async () => {
    const mgmt = management();
    const { metricFilters = [] } = await mgmt.logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: "cloudtrail/org-trail" }),
    );
    expect(metricFilters.map((f) => f.filterPattern).sort()).toEqual(CIS_FILTERS.map((f) => f.pattern).sort());
    const { MetricAlarms = [] } = await mgmt.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "CIS-" }));
    expect(MetricAlarms).toHaveLength(14);
    for (const alarm of MetricAlarms) {
      expect(alarm).toMatchObject({
        Statistic: "Sum",
        Period: 300,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
      });
      const { Subscriptions = [] } = await mgmt.sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: alarm.AlarmActions?.[0] }),
      );
      expect(Subscriptions.map((s) => s.Protocol)).toEqual(["email"]);
    }
  });

  it("shows each bad state in its own account", async () => {
    const selectors = async (name: string, trail: string) =>
      (await readOnly(name)).cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trail }));
    expect((await selectors("orders-dev", "orders-dev-trail")).EventSelectors?.[0]?.ReadWriteType).toBe("WriteOnly");
    expect(
      (await selectors("identity-prod", "identity-prod-trail")).AdvancedEventSelectors?.[0]?.FieldSelectors,
    ).toEqual([{ Field: "eventCategory", Equals: ["Management"] }]);
    expect((await selectors("ml-dev", "ml-dev-trail")).AdvancedEventSelectors?.[0]?.FieldSelectors).toContainEqual({
      Field: "readOnly",
      Equals: ["false"],
    });

    const stopped = await (
      await readOnly("analytics-dev")
    ).cloudtrail.send(new GetTrailStatusCommand({ Name: "analytics-dev-trail" }));
    expect(stopped.IsLogging).toBe(false);
    expect(stopped.StopLoggingTime).toBeInstanceOf(Date);

    const trail = async (name: string, t: string) =>
      (await (await readOnly(name)).cloudtrail.send(new GetTrailCommand({ Name: t }))).Trail;
    expect((await trail("payments-dev", "payments-dev-trail"))?.IsMultiRegionTrail).toBe(false);
    expect((await trail("data-platform-prod", "data-platform-trail"))?.LogFileValidationEnabled).toBe(false);
    expect((await trail("sandbox-bob", "sandbox-bob-trail"))?.KmsKeyId).toBeFalsy();
    expect((await trail("shared-services", "shared-services-trail"))?.CloudWatchLogsLogGroupArn).toBeFalsy();
    expect((await trail("orders-prod", "orders-prod-trail"))?.S3BucketName).toBe(manifest.centralBucketName);
    expect(account("sandbox-alice").trails).toEqual([]);

    const legacy = await readOnly("sandbox-legacy");
    const bucket = account("sandbox-legacy").trails[0]?.bucketName;
    expect((await legacy.s3.send(new GetBucketLoggingCommand({ Bucket: bucket }))).LoggingEnabled).toBeUndefined();
    const pab = await legacy.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(pab.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
  });

  it("holds consolidated control findings for other accounts in the Security Hub administrator", async () => {
    const admin = await readOnly("security-tooling");
    expect(admin.accountId).toBe(manifest.securityHubAdminAccountId);
    const findings: AwsSecurityFinding[] = [];
    let NextToken: string | undefined;
    do {
      const page = await admin.securityhub.send(new GetFindingsCommand({ MaxResults: 100, NextToken }));
      findings.push(...(page.Findings ?? []));
      NextToken = page.NextToken || undefined;
    } while (NextToken);

    expect(findings).toHaveLength(manifest.securityHubFindings.length);
    expect(new Set(findings.map((f) => f.AwsAccountId)).size).toBeGreaterThan(5);
    for (const f of findings) {
      expect(f.GeneratorId).toBe(`security-control/${f.Compliance?.SecurityControlId}`);
      expect(f.ProductArn).toBe("arn:aws:securityhub:us-east-1::product/aws/securityhub");
      expect(f.Resources?.[0]?.Type).toMatch(/^(AwsAccount|AwsCloudTrailTrail|AwsS3Bucket)$/);
    }
    const stale = findings.find(
      (f) =>
        f.AwsAccountId === account("payments-prod").accountId && f.Compliance?.SecurityControlId === "CloudTrail.4",
    );
    expect(stale?.Compliance?.Status).toBe("FAILED");
    expect(Date.parse(stale?.UpdatedAt ?? "")).toBe(NOW.getTime() - 72 * 3_600_000);
    expect(findings.filter((f) => f.RecordState === "ARCHIVED").length).toBeGreaterThan(0);
    expect(findings.some((f) => f.AwsAccountId === account("ml-dev").accountId)).toBe(false);
  });

  it("seeds the same organization, ids included, every time", async () => {
    const again = await seedOrganization(moto.endpoint, { now: NOW });
    expect(again).toEqual(manifest);
  }, 180_000);
});

describe("without the organization trail", () => {
  it("leaves the management account without a trail and members on their own trails", async () => {
    const bare = await seedOrganization(moto.endpoint, { now: NOW, organizationTrail: false });
    expect(bare.organizationTrailArn).toBeNull();
    expect(bare.accounts.map((a) => a.accountId)).toEqual(manifest.accounts.map((a) => a.accountId));
    const { Trails = [] } = await management().cloudtrail.send(new ListTrailsCommand({}));
    expect(Trails).toEqual([]);
    const analytics = bare.accounts.find((a) => a.name === "analytics-dev");
    expect(analytics?.expected["CloudTrail.3"]).toBe("FAILED");
    expect(manifest.accounts.find((a) => a.name === "analytics-dev")?.expected["CloudTrail.3"]).toBe("PASSED");
  }, 180_000);
});
