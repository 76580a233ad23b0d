// What the planner writes so that CloudTrail, KMS, IAM and S3 accept it on a real account
// (docs/aws-preconditions.md): each case is a precondition AWS documents and the strict simulator
// enforces where it can.
import { describe, expect, it } from "vitest";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import type { PlanStep, RemediationPlan } from "@/lib/remediate/plan/plan-types";
import {
  accessLogDeliveryStatement,
  cloudTrailDeliveryStatements,
  isAccumulating,
} from "@/lib/remediate/plan/policies/bucket-policy-statements";
import { mergeStatements, parsePolicy, policyDocument } from "@/lib/remediate/plan/policies/policy-document";
import { sid } from "@/lib/remediate/plan/resource-names";
import {
  ACCOUNT,
  compliant,
  LOG_ARCHIVE,
  MANAGEMENT,
  orgMember,
  REGION,
  settings,
  trail,
  withTrail,
} from "./snapshot-fixtures";

const plan = (state = compliant(), s = settings()): RemediationPlan =>
  planFamilyFix({ state, snapshotId: "snap-1", settings: s, remediationRoleName: "TrailwardenRemediation" });
const stepOf = (p: RemediationPlan, op: string): PlanStep => {
  const found = p.steps.find((s) => s.operation === op);
  if (!found) throw new Error(`no ${op} step in ${p.steps.map((s) => s.operation).join(", ")}`);
  return found;
};
type Statement = { Sid: string; Principal?: unknown; Action: string | string[]; Condition?: Record<string, unknown> };
const keyPolicy = (p: RemediationPlan): Statement[] =>
  (JSON.parse(stepOf(p, "CreateKey").params.Policy as string) as { Statement: Statement[] }).Statement;
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe("the trail's KMS key", () => {
  it("is created in the bucket's region, and the trail points at that key", () => {
    const state = withTrail({ kmsKeyId: undefined });
    state.buckets["main-bucket"]!.region = "eu-west-1";
    const p = plan(state);
    expect(stepOf(p, "CreateKey").region).toBe("eu-west-1");
    expect(JSON.stringify(stepOf(p, "UpdateTrail").params.KmsKeyId)).toContain(`${ACCOUNT}:eu-west-1:`);
    expect(stepOf(p, "UpdateTrail").region).toBe(REGION);
  });

  it("takes the bucket's region from another account's snapshot (knownBuckets)", () => {
    const state = withTrail({ kmsKeyId: undefined }, { buckets: {} });
    const known = { ...compliant().buckets["main-bucket"]!, ownerAccountId: LOG_ARCHIVE, region: "eu-central-1" };
    const p = planFamilyFix({
      state,
      snapshotId: "snap-1",
      settings: settings(),
      knownBuckets: { "main-bucket": known },
    });
    expect(stepOf(p, "CreateKey").region).toBe("eu-central-1");
  });

  it("stops the plan with a clear message when the bucket's region is unknown", () => {
    const p = plan(withTrail({ kmsKeyId: undefined }, { buckets: {} }));
    expect(p.status).toBe("blocked");
    expect(p.steps.some((s) => s.operation === "CreateKey")).toBe(false);
    expect(p.blockers.find((b) => b.code === "bucket-region-unknown")?.message).toMatch(
      /KMS key in the region of its bucket `main-bucket`.*that region is unknown/,
    );
  });

  it("names the remediation role in the key policy, without Decrypt or GenerateDataKey", () => {
    const p = plan(withTrail({ kmsKeyId: undefined }));
    const role = keyPolicy(p).filter(
      (s) =>
        JSON.stringify(s.Principal) === JSON.stringify({ AWS: `arn:aws:iam::${ACCOUNT}:role/TrailwardenRemediation` }),
    );
    expect(role.flatMap(actions)).toEqual(
      expect.arrayContaining(["kms:CreateAlias", "kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:TagResource"]),
    );
    expect(role.flatMap(actions)).not.toContain("kms:Decrypt");
    expect(role.flatMap(actions)).not.toContain("kms:GenerateDataKey");
  });

  it("lets CloudTrail decrypt for the trail (S3 Bucket Keys) and readers in the bucket owner's account decrypt", () => {
    const p = plan(orgMember({ kmsKeyId: undefined }));
    expect(stepOf(p, "CreateKey").targetAccountId).toBe(MANAGEMENT);
    const statements = keyPolicy(p);
    const decrypt = statements.find((s) => s.Sid.startsWith("TrailwardenCloudTrailDecrypt"))!;
    expect(decrypt.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
    expect(actions(decrypt)).toEqual(["kms:Decrypt"]);
    expect(decrypt.Condition).toEqual({
      StringEquals: { "aws:SourceArn": expect.stringContaining(":trail/org-trail") },
    });
    const cross = statements.find((s) => s.Sid.startsWith("TrailwardenDecryptLogsIn"))!;
    expect(cross.Principal).toEqual({ AWS: "*" });
    expect(actions(cross)).toEqual(["kms:Decrypt", "kms:ReEncryptFrom"]);
    expect(cross.Condition).toEqual({
      StringEquals: { "kms:CallerAccount": LOG_ARCHIVE },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` },
    });
  });

  it("grants CloudTrail Lake its key use without the SourceArn condition AWS does not support there", () => {
    const store = {
      arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:eventdatastore/abc`,
      name: "lake",
      kmsKeyId: null,
    };
    const p = plan(compliant({ eventDataStores: [store] as never }));
    const lake = keyPolicy(p).find((s) => s.Sid === "TrailwardenCloudTrailLake")!;
    expect(lake).toEqual({
      Sid: "TrailwardenCloudTrailLake",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
    });
    // The remediation role may use the key for the store only through CloudTrail.
    const via = keyPolicy(p).find((s) => s.Sid === "TrailwardenRemediationEncryptsLakeStores")!;
    expect(via.Condition).toEqual({ StringEquals: { "kms:ViaService": `cloudtrail.${REGION}.amazonaws.com` } });
  });
});

describe("the delivery role", () => {
  it("is never one the remediation role may not pass: a trail's own role is replaced by the shipped one", () => {
    // The trail names a role of its own but no log group: passing that role needs iam:PassRole on it.
    const p = plan(withTrail({ cloudWatchLogsLogGroupArn: undefined }));
    const update = stepOf(p, "UpdateTrail");
    expect(update.params.CloudWatchLogsRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`);
    // A sibling trail's role outside the prefix is not borrowed either.
    const sibling = trail({ name: "other", arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/other` });
    const lacking = trail({ cloudWatchLogsLogGroupArn: undefined, cloudWatchLogsRoleArn: undefined });
    const q = plan(compliant({ trails: [lacking, sibling] }));
    expect(q.steps.find((s) => s.operation === "UpdateTrail")?.params.CloudWatchLogsRoleArn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/trailwarden-cloudtrail-delivery`,
    );
  });
});

describe("five trails per region", () => {
  const regional = (i: number, region: string) =>
    trail({
      name: `aws-controltower-${i}`,
      arn: `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/aws-controltower-${i}`,
      homeRegion: region,
      isMultiRegionTrail: false,
      status: { isLogging: false },
    });

  it("counts a new multi-region trail in every region, not only its home region", () => {
    const full = Array.from({ length: 5 }, (_, i) => regional(i, "eu-west-1"));
    const p = plan(compliant({ trails: full }));
    expect(p.status).toBe("blocked");
    expect(p.steps.some((s) => s.operation === "CreateTrail")).toBe(false);
    expect(p.blockers[0]!.message).toMatch(/eu-west-1 already holds 5 trails/);
  });

  it("does not convert a single-region trail when another region is full", () => {
    const full = Array.from({ length: 5 }, (_, i) => regional(i, "eu-west-1"));
    const single = trail({ name: "mine", isMultiRegionTrail: false });
    const p = plan(compliant({ trails: [single, ...full] }));
    expect(p.strategy.kind).not.toBe("convert-trail");
    expect(p.steps.some((s) => s.params.IsMultiRegionTrail === true)).toBe(false);
    expect(p.blockers[0]!.message).toMatch(/eu-west-1 already holds 5 trails.*converting/);
  });
});

describe("bucket policies", () => {
  const n = { partition: "aws" as const, prefix: "trailwarden-" };

  it("never gives two buckets whose names differ only in punctuation or case the same statement id", () => {
    expect(sid("TrailwardenAccessLogs", "a-b")).not.toBe(sid("TrailwardenAccessLogs", "a.b"));
    expect(sid("TrailwardenAccessLogs", "Ab")).not.toBe(sid("TrailwardenAccessLogs", "ab"));
    const one = accessLogDeliveryStatement(n, "logs", "a-b", ACCOUNT);
    const two = accessLogDeliveryStatement(n, "logs", "a.b", ACCOUNT);
    const merged = mergeStatements(mergeStatements(policyDocument([]), [one]).document, [two]);
    expect(merged.added).toEqual([two.Sid]);
    expect(merged.document.Statement).toHaveLength(2);
    // Account ids keep their readable form.
    expect(sid("TrailwardenDecryptLogs", ACCOUNT)).toBe(`TrailwardenDecryptLogs${ACCOUNT}`);
  });

  it("keeps a central bucket's policy under S3's 20 KB for 1,000 accounts: one statement per purpose", () => {
    const bucket = "org-central-logs-123456789012";
    const existing = parsePolicy(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AWSCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: `arn:aws:s3:::${bucket}`,
          },
        ],
      }),
    );
    const delivery = (account: string) => ({
      bucket,
      accountId: account,
      trailArn: `arn:aws:cloudtrail:us-east-1:${account}:trail/trailwarden-cloudtrail`,
    });
    let doc = existing;
    for (let i = 0; i < 1000; i++) {
      const wanted = cloudTrailDeliveryStatements(n, [delivery(String(100000000000 + i * 7919))], { shared: true });
      doc = mergeStatements(doc, wanted, { accumulate: isAccumulating }).document;
    }
    expect(new TextEncoder().encode(JSON.stringify(doc)).length).toBeLessThan(20 * 1024);
    expect(doc.Statement).toHaveLength(3);
    type Scoped = { Condition: { StringEquals: Record<string, string | string[]> } };
    const write = doc.Statement.find((s) => s.Sid === "TrailwardenCloudTrailWrite") as unknown as Scoped;
    expect(write.Condition.StringEquals["aws:SourceAccount"]).toHaveLength(1000);
    expect(write.Condition.StringEquals["s3:x-amz-acl"]).toBe("bucket-owner-full-control");
    // The existing statement is kept as it was; merging an account again changes nothing.
    expect(doc.Statement[0]).toEqual(existing.Statement[0]);
    const again = cloudTrailDeliveryStatements(n, [delivery("100000000000")], { shared: true });
    expect(mergeStatements(doc, again, { accumulate: isAccumulating }).changed).toBe(false);
  });
});
