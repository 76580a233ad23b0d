// The planner over snapshot fixtures: reuse before create, organization-trail members, the trail
// limit, selectors kept, CIS filters byte for byte, and an empty plan for a compliant account.
import { describe, expect, it } from "vitest";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import type { PlanStep, RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { referencedSteps } from "@/lib/remediate/plan/step-refs";
import {
  ACCOUNT,
  cisLogGroup,
  compliant,
  GROUP_ARN,
  LOG_ARCHIVE,
  MANAGEMENT,
  orgMember,
  settings,
  trail,
  withTrail,
} from "./snapshot-fixtures";

const plan = (state = compliant(), s = settings()): RemediationPlan =>
  planFamilyFix({ state, snapshotId: "snap-1", settings: s });
const ops = (p: RemediationPlan) => p.steps.map((s) => s.operation);
const stepOf = (p: RemediationPlan, op: string): PlanStep => {
  const found = p.steps.find((s) => s.operation === op);
  if (!found) throw new Error(`no ${op} step in ${ops(p).join(", ")}`);
  return found;
};

describe("planFamilyFix", () => {
  it("plans nothing for a compliant account", () => {
    const p = plan();
    expect(p.status).toBe("empty");
    expect(p.steps).toEqual([]);
    expect(p.summary).toMatch(/Nothing to do/);
  });

  it("creates one trail with everything when the account has none", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }));
    expect(p.status).toBe("ready");
    expect(p.strategy.kind).toBe("create-trail");
    expect(ops(p).filter((o) => o === "CreateTrail")).toHaveLength(1);
    const create = stepOf(p, "CreateTrail");
    expect(create.params).toMatchObject({
      Name: "trailwarden-cloudtrail",
      S3BucketName: `trailwarden-cloudtrail-${ACCOUNT}`,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trailwarden-cloudtrail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`,
    });
    expect(create.params.KmsKeyId).toEqual({
      $ref: `kms.CreateKey:${ACCOUNT}:us-east-1:alias/trailwarden-cloudtrail`,
      path: "KeyMetadata.Arn",
    });
    expect(stepOf(p, "StartLogging").params).toEqual({ Name: "trailwarden-cloudtrail" });
    expect(stepOf(p, "PutEventSelectors").params).toEqual({
      TrailName: "trailwarden-cloudtrail",
      EventSelectors: [
        { ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
      ],
    });
    expect(ops(p).filter((o) => o === "PutMetricFilter")).toHaveLength(14);
    expect(ops(p).filter((o) => o === "PutMetricAlarm")).toHaveLength(14);
    expect(stepOf(p, "Subscribe").params).toMatchObject({ Protocol: "email", Endpoint: "secops@example.com" });
    // Per-trail controls are NOT_APPLICABLE without a trail, so only these were failing.
    expect(p.expectedToPass).toEqual(
      expect.arrayContaining(["CloudTrail.1", "CloudTrail.3", "CloudWatch.1", "CloudWatch.14"]),
    );
  });

  it("hardens a new per-account bucket: public access block, versioning, encryption, TLS-only, SourceArn, access logs, retention", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }));
    const bucket = `trailwarden-cloudtrail-${ACCOUNT}`;
    const onBucket = p.steps.filter((s) => s.resource === `arn:aws:s3:::${bucket}`).map((s) => s.operation);
    expect(onBucket).toEqual(
      expect.arrayContaining([
        "CreateBucket",
        "PutPublicAccessBlock",
        "PutBucketVersioning",
        "PutBucketEncryption",
        "PutBucketPolicy",
        "PutBucketLogging",
        "PutBucketLifecycleConfiguration",
      ]),
    );
    const policy = JSON.parse(
      p.steps.find((s) => s.operation === "PutBucketPolicy" && s.resource.endsWith(bucket))!.params.Policy as string,
    );
    const write = policy.Statement.find((s: { Sid: string }) => s.Sid === `TrailwardenCloudTrailWrite${ACCOUNT}`);
    expect(write.Condition.StringEquals["aws:SourceArn"]).toBe(
      `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/trailwarden-cloudtrail`,
    );
    expect(
      policy.Statement.find((s: { Sid: string }) => s.Sid === "TrailwardenDenyInsecureTransport").Condition,
    ).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    // The bucket's logging target is created before the bucket logs to it.
    const target = p.steps.findIndex((s) => s.operation === "CreateBucket" && s.resource.includes("access-logs"));
    expect(target).toBeGreaterThanOrEqual(0);
    expect(target).toBeLessThan(p.steps.findIndex((s) => s.operation === "PutBucketLogging"));
  });

  it("creates a KMS key whose policy lets CloudTrail encrypt for this trail only", () => {
    const p = plan(withTrail({ kmsKeyId: undefined }));
    const key = stepOf(p, "CreateKey");
    const policy = JSON.parse(key.params.Policy as string);
    const encrypt = policy.Statement.find((s: { Sid: string }) => s.Sid.startsWith("TrailwardenCloudTrailEncrypt"));
    expect(encrypt.Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"]).toBe(trail().arn);
    expect(ops(p)).toEqual(["CreateKey", "CreateAlias", "EnableKeyRotation", "UpdateTrail"]);
    expect(stepOf(p, "UpdateTrail").params).toEqual({
      Name: "main",
      KmsKeyId: { $ref: key.key, path: "KeyMetadata.Arn" },
    });
  });

  it("reuses and converts a single-region trail instead of adding one", () => {
    const p = plan(withTrail({ isMultiRegionTrail: false }));
    expect(p.strategy.kind).toBe("convert-trail");
    expect(ops(p)).not.toContain("CreateTrail");
    expect(stepOf(p, "UpdateTrail").params).toEqual({ Name: "main", IsMultiRegionTrail: true });
  });

  it("starts a stopped trail by name", () => {
    const p = plan(withTrail({ status: { isLogging: false, stopLoggingTime: "2026-11-01T00:00:00Z" } }));
    expect(ops(p)).toEqual(["StartLogging"]);
    expect(stepOf(p, "StartLogging").params).toEqual({ Name: "main" });
  });

  it("enables validation and CloudWatch Logs with a log group, retention and the shipped delivery role", () => {
    const p = plan(
      withTrail(
        { logFileValidationEnabled: false, cloudWatchLogsLogGroupArn: undefined, cloudWatchLogsRoleArn: undefined },
        { logGroups: {} },
      ),
    );
    // No IAM step: the delivery role comes with the member-roles template, remediation only passes it.
    expect(ops(p).slice(0, 3)).toEqual(["CreateLogGroup", "PutRetentionPolicy", "UpdateTrail"]);
    expect(p.steps.filter((s) => s.service === "iam")).toEqual([]);
    expect(stepOf(p, "PutRetentionPolicy").params).toEqual({
      logGroupName: "trailwarden-cloudtrail",
      retentionInDays: 365,
    });
    expect(stepOf(p, "UpdateTrail").params).toMatchObject({
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: expect.stringContaining("trailwarden-cloudtrail:*"),
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`,
    });
    // The new log group is empty: all 14 CIS filters and alarms go there.
    expect(ops(p).filter((o) => o === "PutMetricFilter")).toHaveLength(14);
  });

  it("gives a trail that names a role but no log group the shipped role, never its own (it cannot be passed)", () => {
    const p = plan(
      withTrail({ cloudWatchLogsLogGroupArn: undefined, cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/Legacy` }),
    );
    expect(p.status).toBe("ready");
    expect(p.blockers).toEqual([]);
    expect(stepOf(p, "UpdateTrail").params).toMatchObject({
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trailwarden-cloudtrail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`,
    });
    expect(p.steps.filter((s) => s.service === "iam")).toEqual([]);
  });

  it("reuses a sibling trail's log group only where the shipped role can write (a prefixed group with that role)", () => {
    const ours = `arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`;
    const foreign = trail({ name: "other", cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailToLogs` });
    const needsLogs = trail({ name: "main", cloudWatchLogsLogGroupArn: undefined, cloudWatchLogsRoleArn: undefined });
    const withForeign = plan(compliant({ trails: [needsLogs, foreign] }));
    expect(stepOf(withForeign, "UpdateTrail").params).toMatchObject({
      CloudWatchLogsLogGroupArn: expect.stringContaining(":log-group:trailwarden-cloudtrail:*"),
      CloudWatchLogsRoleArn: ours,
    });
    const prefixedGroup = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trailwarden-shared:*`;
    const sibling = trail({ name: "other", cloudWatchLogsLogGroupArn: prefixedGroup, cloudWatchLogsRoleArn: ours });
    const withOurs = plan(compliant({ trails: [needsLogs, sibling] }));
    expect(stepOf(withOurs, "UpdateTrail").params).toMatchObject({
      CloudWatchLogsLogGroupArn: prefixedGroup,
      CloudWatchLogsRoleArn: ours,
    });
    expect(ops(withOurs)).not.toContain("CreateLogGroup");
  });

  it("blocks public access and turns on server access logging for an existing bucket", () => {
    const state = compliant();
    state.buckets["main-bucket"] = {
      ...state.buckets["main-bucket"]!,
      publicAccessBlock: {
        blockPublicAcls: false,
        ignorePublicAcls: false,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
      policyIsPublic: true,
      accessLogging: { enabled: false },
    };
    const p = plan(state);
    expect(ops(p)).toEqual([
      "CreateBucket",
      "PutBucketTagging",
      "PutPublicAccessBlock",
      "PutBucketEncryption",
      "PutBucketPolicy",
      "PutBucketLifecycleConfiguration",
      "PutPublicAccessBlock",
      "PutBucketLogging",
    ]);
    expect(stepOf(p, "PutBucketLogging").params).toEqual({
      Bucket: "main-bucket",
      BucketLoggingStatus: {
        LoggingEnabled: { TargetBucket: `trailwarden-access-logs-${ACCOUNT}-us-east-1`, TargetPrefix: "main-bucket/" },
      },
    });
  });

  it("reuses an access-log bucket the account already uses", () => {
    const state = compliant();
    state.trails.push(trail({ name: "second", s3BucketName: "second-bucket" }));
    state.buckets["second-bucket"] = {
      ...state.buckets["main-bucket"]!,
      name: "second-bucket",
      accessLogging: { enabled: false },
    };
    const p = plan(state);
    expect(ops(p)).not.toContain("CreateBucket");
    expect(stepOf(p, "PutBucketLogging").params).toMatchObject({
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: "access-logs-111111111111" } },
    });
  });

  it("every step refers only to steps before it", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }));
    p.steps.forEach((s, i) => {
      for (const ref of referencedSteps(s.params)) {
        const at = p.steps.findIndex((x) => x.key === ref);
        expect(at, `${s.key} refers to ${ref}`).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThan(i);
      }
    });
    expect(new Set(p.steps.map((s) => s.key)).size).toBe(p.steps.length);
  });

  it("asks for an alarm destination instead of creating a topic nobody is subscribed to", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }), settings({ alarmEmail: null }));
    expect(ops(p)).not.toContain("Subscribe");
    expect(ops(p)).not.toContain("CreateTopic");
    expect(ops(p)).not.toContain("PutMetricAlarm");
    expect(ops(p)).toContain("CreateTrail");
    const asked = p.notes.find((n) => n.code === "alarm-destination-needed")!;
    expect(asked.controls).toHaveLength(14);
    expect(asked.message).toMatch(/alarm e-mail .* or an existing SNS topic ARN in us-east-1/);
    expect(p.expectedToPass).not.toContain("CloudWatch.1");
    expect(p.expectedToPass).toContain("CloudTrail.1");
  });

  it("notifies the configured existing topic without creating or subscribing anything", () => {
    const topic = "arn:aws:sns:us-east-1:111111111111:oncall";
    const p = plan(
      compliant({ trails: [], buckets: {}, logGroups: {} }),
      settings({ alarmEmail: null, alarmTopicArn: topic }),
    );
    expect(ops(p)).not.toContain("CreateTopic");
    expect(ops(p)).not.toContain("Subscribe");
    const alarms = p.steps.filter((s) => s.operation === "PutMetricAlarm");
    expect(alarms).toHaveLength(14);
    expect(alarms.every((a) => JSON.stringify(a.params.AlarmActions) === JSON.stringify([topic]))).toBe(true);
    expect(p.notes.map((n) => n.code)).not.toContain("alarm-destination-needed");
    expect(p.expectedToPass).toContain("CloudWatch.1");
  });

  it("refuses a configured topic of another region (alarms notify topics of their own region)", () => {
    const p = plan(
      compliant({ trails: [], buckets: {}, logGroups: {} }),
      settings({ alarmEmail: null, alarmTopicArn: "arn:aws:sns:eu-west-1:111111111111:oncall" }),
    );
    expect(ops(p)).not.toContain("PutMetricAlarm");
    expect(p.notes.find((n) => n.code === "alarm-destination-needed")!.message).toMatch(/not in us-east-1/);
  });

  it("does not plan for the data it could not read", () => {
    const state = compliant({
      logGroups: { [GROUP_ARN]: { ...cisLogGroup(), readStatus: "error", reason: "AccessDenied" } },
    });
    const p = plan(state);
    expect(p.steps).toEqual([]);
    expect(p.notes.some((n) => n.code === "not-evaluated")).toBe(true);
  });

  it("tags trails with configured values for missing required keys", () => {
    const p = plan(
      compliant(),
      settings({ requiredTagKeys: ["Owner", "CostCenter"], tagValues: { CostCenter: "cc-1" } }),
    );
    expect(stepOf(p, "AddTags").params).toEqual({
      ResourceId: trail().arn,
      TagsList: [{ Key: "CostCenter", Value: "cc-1" }],
    });
    const q = plan(compliant(), settings({ requiredTagKeys: ["DataClass"] }));
    expect(q.steps).toEqual([]);
    expect(q.notes.map((n) => n.code)).toContain("tag-value-unknown");
  });

  it("moves a Lake event data store to the customer-managed key (CloudTrail.10)", () => {
    const store = { arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/abc`, name: "lake" };
    const p = plan(compliant({ eventDataStores: [store] }));
    expect(ops(p)).toEqual(["CreateKey", "CreateAlias", "EnableKeyRotation", "UpdateEventDataStore"]);
    expect(stepOf(p, "UpdateEventDataStore").params.EventDataStore).toBe(store.arn);
  });

  it("serializes to JSON and back unchanged", () => {
    const p = plan(compliant({ trails: [], buckets: {}, logGroups: {} }));
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe("organization trail", () => {
  it("gives a covered member nothing to do when the organization trail is complete", () => {
    const p = plan(orgMember());
    expect(p.status).toBe("empty");
  });

  it("fixes the organization trail in the management account and never creates a member trail", () => {
    const p = plan(orgMember({ logFileValidationEnabled: false, status: { isLogging: false } }));
    expect(p.strategy.kind).toBe("organization-trail");
    expect(ops(p)).not.toContain("CreateTrail");
    expect(p.steps.every((s) => s.targetAccountId === MANAGEMENT)).toBe(true);
    expect(stepOf(p, "UpdateTrail").params).toEqual({ Name: "org-trail", EnableLogFileValidation: true });
    expect(stepOf(p, "StartLogging").params).toEqual({ Name: "org-trail" });
  });

  it("adds missing CIS alarms on the organization trail's log group in the management account", () => {
    const state = orgMember();
    const group = state.logGroups[Object.keys(state.logGroups)[0]!]!;
    state.logGroups[group.arn] = cisLogGroup(group.arn, ["CloudWatch.4"]);
    const p = plan(state);
    expect(ops(p)).toEqual(["PutMetricFilter", "PutMetricAlarm"]);
    expect(p.steps.every((s) => s.targetAccountId === MANAGEMENT)).toBe(true);
    expect(stepOf(p, "PutMetricAlarm").params.AlarmActions).toEqual([
      `arn:aws:sns:us-east-1:${MANAGEMENT}:security-alarms`,
    ]);
  });

  it("fixes the central bucket in its owning log-archive account", () => {
    const state = orgMember();
    state.buckets["org-central-bucket"]!.accessLogging = { enabled: false };
    const p = plan(state);
    expect(stepOf(p, "PutBucketLogging").targetAccountId).toBe(LOG_ARCHIVE);
  });
});
