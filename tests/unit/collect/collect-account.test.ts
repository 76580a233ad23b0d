// Shapes of AWS answers moto cannot produce, through the real collector over SDK stubs.
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
  InsightNotEnabledException,
  ListEventDataStoresCommand,
  ListTagsCommand,
  ListTrailsCommand,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import {
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectAccount } from "@/lib/collect/collect-account";
import type { RunContext } from "@/lib/collect/run-context";
import { accountOf, ARCHIVE, awsError, context, fakeAws, MEMBER, MGMT, trailArn, type FakeAws } from "./fake-aws";

const ORG_TRAIL = trailArn(MGMT, "org-trail");
const MEMBER_TRAIL = trailArn(MEMBER, "member-trail");

function trail(arn: string, extra: Partial<Trail> = {}): Trail {
  return {
    TrailARN: arn,
    Name: arn.split("/").pop(),
    HomeRegion: "us-east-1",
    IsMultiRegionTrail: true,
    IsOrganizationTrail: false,
    LogFileValidationEnabled: true,
    S3BucketName: "central-logs",
    HasInsightSelectors: false,
    ...extra,
  };
}

/** Accounts' trails as AWS shows them: a member lists the organization trail under MGMT's ARN. */
function world(f: FakeAws, trails: Record<string, Trail[]>, listed: Record<string, string[]> = {}) {
  f.cloudtrail.on(ListTrailsCommand).callsFake(async (_input, getClient) => {
    const account = await accountOf(getClient);
    const arns = listed[account] ?? (trails[account] ?? []).map((t) => t.TrailARN!);
    return { Trails: arns.map((TrailARN) => ({ TrailARN, Name: TrailARN.split("/").pop(), HomeRegion: "us-east-1" })) };
  });
  f.cloudtrail.on(DescribeTrailsCommand).callsFake(async (input: { trailNameList?: string[] }, getClient) => {
    const account = await accountOf(getClient);
    return { trailList: (trails[account] ?? []).filter((t) => input.trailNameList?.includes(t.TrailARN!)) };
  });
  f.cloudtrail
    .on(GetTrailStatusCommand)
    .resolves({ IsLogging: true, LatestDeliveryTime: new Date("2026-11-20T10:00:00Z") });
  f.cloudtrail
    .on(GetEventSelectorsCommand)
    .resolves({ EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] });
  f.cloudtrail.on(ListTagsCommand).callsFake((input: { ResourceIdList: string[] }) => ({
    ResourceTagList: input.ResourceIdList.map((ResourceId) => ({
      ResourceId,
      TagsList: [{ Key: "Owner", Value: "sec" }],
    })),
  }));
  f.s3.on(ListBucketsCommand).callsFake(async (_input, getClient) => ({
    Buckets: (await accountOf(getClient)) === ARCHIVE ? [{ Name: "central-logs" }] : [],
  }));
  f.s3
    .on(GetBucketLoggingCommand)
    .resolves({ LoggingEnabled: { TargetBucket: "access-logs", TargetPrefix: "central/" } });
  f.s3.on(GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  });
  f.s3
    .on(GetBucketPolicyStatusCommand)
    .rejects(awsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404));
}

describe("collectAccount", () => {
  let f: FakeAws;
  let ctx: RunContext;
  beforeEach(async () => {
    f = fakeAws();
    ctx = await context();
  });
  afterEach(() => {
    ctx.destroy();
    f.restore();
  });

  it("credits the organization trail a member lists under the management account's ARN, once, without reading it from the member", async () => {
    world(
      f,
      { [MGMT]: [trail(ORG_TRAIL, { IsOrganizationTrail: true })], [MEMBER]: [trail(MEMBER_TRAIL)] },
      { [MEMBER]: [ORG_TRAIL, MEMBER_TRAIL] },
    );
    const mgmt = await collectAccount(ctx, { id: MGMT, name: "management", isManagement: true });
    const member = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });

    expect(member.status).toBe("ok");
    expect(member.state.trails.map((t) => [t.arn, t.appliesVia, t.ownerAccountId])).toEqual([
      [MEMBER_TRAIL, "owned", MEMBER],
      [ORG_TRAIL, "organization", MGMT],
    ]);
    expect(mgmt.state.trails.map((t) => [t.arn, t.appliesVia])).toEqual([[ORG_TRAIL, "owned"]]);
    // The organization trail's configuration was read once in the run, by the management account.
    const statusReads = f.cloudtrail
      .commandCalls(GetTrailStatusCommand)
      .filter((c) => c.args[0].input.Name === ORG_TRAIL);
    expect(statusReads).toHaveLength(1);
    const describedByMember = await Promise.all(
      f.cloudtrail
        .commandCalls(DescribeTrailsCommand)
        .map(async (c) => ({ list: c.args[0].input.trailNameList ?? [], account: await accountOf(() => c.thisValue) })),
    );
    expect(describedByMember.filter((d) => d.account === MEMBER).flatMap((d) => d.list)).toEqual([MEMBER_TRAIL]);
    // The central bucket is read in its owner's account, once, and credited to both.
    expect(member.state.buckets["central-logs"]).toMatchObject({
      ownerAccountId: ARCHIVE,
      readStatus: "ok",
      policyIsPublic: false,
      accessLogging: { enabled: true },
    });
    expect(f.s3.commandCalls(GetBucketLoggingCommand)).toHaveLength(1);
    // Every read names the owner ListBuckets found: a re-created bucket of another account is refused by S3.
    for (const c of [
      ...f.s3.commandCalls(GetBucketLoggingCommand),
      ...f.s3.commandCalls(GetPublicAccessBlockCommand),
      ...f.s3.commandCalls(GetBucketPolicyStatusCommand),
    ])
      expect(c.args[0].input).toMatchObject({ Bucket: "central-logs", ExpectedBucketOwner: ARCHIVE });
  });

  it("credits the organization trail to a member whose listing lacks it (moto, or a trail just created)", async () => {
    world(f, { [MGMT]: [trail(ORG_TRAIL, { IsOrganizationTrail: true })] });
    const member = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(member.state.trails.map((t) => [t.arn, t.appliesVia])).toEqual([[ORG_TRAIL, "organization"]]);
  });

  it("keeps CloudWatch Logs delivery errors from GetTrailStatus", async () => {
    world(f, {
      [MEMBER]: [trail(MEMBER_TRAIL, { CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MEMBER}:log-group:ct:*` })],
    });
    f.cloudtrail.on(GetTrailStatusCommand).resolves({
      IsLogging: true,
      LatestCloudWatchLogsDeliveryError: "Access denied. Verify in IAM that the role has adequate permissions.",
      LatestCloudWatchLogsDeliveryTime: new Date("2026-11-19T08:00:00Z"),
      StartLoggingTime: new Date("2026-01-01T00:00:00Z"),
    });
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.state.trails[0]!.status).toEqual({
      isLogging: true,
      latestCloudWatchLogsDeliveryError: "Access denied. Verify in IAM that the role has adequate permissions.",
      latestCloudWatchLogsDeliveryTime: "2026-11-19T08:00:00.000Z",
      startLoggingTime: "2026-01-01T00:00:00.000Z",
    });
  });

  it("turns AccessDenied on one call into a partial snapshot naming the call", async () => {
    world(f, { [MEMBER]: [trail(MEMBER_TRAIL)] });
    f.cloudtrail
      .on(GetTrailStatusCommand)
      .rejects(awsError("AccessDeniedException", "User is not authorized to perform: cloudtrail:GetTrailStatus"));
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.status).toBe("partial");
    expect(out.error).toContain("AccessDeniedException on cloudtrail:GetTrailStatus");
    expect(out.state.errors).toContainEqual(
      expect.objectContaining({ operation: "GetTrailStatus", kind: "access_denied", resource: MEMBER_TRAIL }),
    );
    expect(out.state.trails[0]!.status).toBeNull();
    expect(out.state.trails[0]!.eventSelectors).not.toBeNull();
  });

  it("keeps selectors AWS never set as neither list (the default applies)", async () => {
    world(f, { [MEMBER]: [trail(MEMBER_TRAIL)] });
    f.cloudtrail.on(GetEventSelectorsCommand).resolves({ TrailARN: MEMBER_TRAIL });
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.state.trails[0]!.eventSelectors).toEqual({ basic: null, advanced: null });
  });

  it("is an error snapshot when the role cannot be assumed", async () => {
    world(f, {});
    f.sts
      .on(AssumeRoleCommand)
      .rejects(
        awsError(
          "AccessDenied",
          `User is not authorized to perform: sts:AssumeRole on arn:aws:iam::${MEMBER}:role/TrailwardenReadOnly`,
          403,
        ),
      );
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.status).toBe("error");
    expect(out.error).toMatch(/^AccessDenied on sts:AssumeRole/);
    expect(out.state.trails).toEqual([]);
    expect(f.cloudtrail.commandCalls(ListTrailsCommand)).toHaveLength(0);
  });

  it("reads insight selectors only for trails that have them", async () => {
    world(f, {
      [MEMBER]: [trail(MEMBER_TRAIL), trail(trailArn(MEMBER, "with-insights"), { HasInsightSelectors: true })],
    });
    f.cloudtrail.on(GetInsightSelectorsCommand).resolves({ InsightSelectors: [{ InsightType: "ApiCallRateInsight" }] });
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(f.cloudtrail.commandCalls(GetInsightSelectorsCommand).map((c) => c.args[0].input.TrailName)).toEqual([
      trailArn(MEMBER, "with-insights"),
    ]);
    expect(out.state.trails.map((t) => t.insightSelectors)).toEqual([[], [{ insightType: "ApiCallRateInsight" }]]);
    // Two trails in one region: one DescribeTrails and one ListTags for both.
    expect(f.cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(1);
    expect(f.cloudtrail.commandCalls(ListTagsCommand)).toHaveLength(1);
    expect(out.state.trails.every((t) => t.tags?.Owner === "sec")).toBe(true);
  });

  it("treats InsightNotEnabledException as no insight selectors", async () => {
    world(f, { [MEMBER]: [trail(MEMBER_TRAIL, { HasInsightSelectors: undefined })] });
    f.cloudtrail
      .on(GetInsightSelectorsCommand)
      .rejects(new InsightNotEnabledException({ message: "not enabled", $metadata: {} }));
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.status).toBe("ok");
    expect(out.state.trails[0]!.insightSelectors).toEqual([]);
  });

  it("records an endpoint without CloudTrail Lake as unsupported, not as a failure", async () => {
    world(f, { [MEMBER]: [trail(MEMBER_TRAIL)] });
    f.cloudtrail
      .on(ListEventDataStoresCommand)
      .rejects(
        Object.assign(
          new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error`),
          { $metadata: { httpStatusCode: 500 } },
        ),
      );
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.status).toBe("ok");
    expect(out.state.eventDataStores).toBeNull();
    expect(out.state.errors).toEqual([
      expect.objectContaining({ operation: "ListEventDataStores", kind: "unsupported" }),
    ]);
    // Not asked again in the same run.
    await collectAccount(ctx, { id: MGMT, name: "management", isManagement: true });
    expect(f.cloudtrail.commandCalls(ListEventDataStoresCommand)).toHaveLength(1);
  });

  it("says NO_DATA for a bucket no organization account owns", async () => {
    world(f, { [MEMBER]: [trail(MEMBER_TRAIL, { S3BucketName: "someone-elses-bucket" })] });
    const out = await collectAccount(ctx, { id: MEMBER, name: "member", isManagement: false });
    expect(out.status).toBe("ok");
    expect(out.state.buckets["someone-elses-bucket"]).toMatchObject({
      ownerAccountId: null,
      readStatus: "no_data",
      publicAccessBlock: null,
    });
    expect(out.state.buckets["someone-elses-bucket"]!.reason).toMatch(/no organization account/);
    expect(f.s3.commandCalls(GetBucketLoggingCommand)).toHaveLength(0);
  });

  it("stays within 8 calls for a one-trail member whose bucket and log group are shared", async () => {
    world(f, {
      [MGMT]: [trail(ORG_TRAIL, { IsOrganizationTrail: true })],
      [MEMBER]: [trail(MEMBER_TRAIL, { CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MEMBER}:log-group:ct:*` })],
    });
    await collectAccount(ctx, { id: MGMT, name: "management", isManagement: true });
    const wide = await context({ regions: undefined });
    try {
      wide.organization = ctx.organization;
      for (const [k, v] of ctx.orgAccounts) wide.orgAccounts.set(k, v);
      await collectAccount(wide, { id: MGMT, name: "management", isManagement: true });
      const member = await collectAccount(wide, { id: MEMBER, name: "member", isManagement: false });
      // AssumeRole, DescribeRegions, ListTrails, ListEventDataStores, DescribeTrails, GetTrailStatus,
      // GetEventSelectors, ListTags, and DescribeMetricFilters for its log group: the bucket was read
      // for the management account's trail. 9 with DescribeRegions; 8 with TRAILWARDEN_REGIONS set or
      // regions read in the last day (load-known-regions.ts).
      expect(member.apiCalls).toBe(9);
    } finally {
      wide.destroy();
    }
  });
});
