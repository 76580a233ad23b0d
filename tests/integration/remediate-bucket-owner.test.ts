// A squatted bucket name is never adopted: every S3 step names the owner the plan expects
// (ExpectedBucketOwner = the step's target account), so a bucket of the planned name that another
// account owns makes the step fail, and nothing is written to it. Runs through the simulator,
// which enforces ExpectedBucketOwner as S3 does (sim/proxy/expected-bucket-owner.ts).
import { randomUUID } from "node:crypto";
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeStep } from "@/lib/remediate/apply/execute-step";
import type { JsonObject, PlanStep } from "@/lib/remediate/plan/plan-types";
import { RemediationClients } from "@/lib/remediate/apply/remediation-clients";

const TARGET = "123456789012"; // the account the plan targets (moto's default account)
const SQUATTER = "345678901234";
let squatterS3: S3Client;
let provider: RemediationClients;

function step(operation: string, bucket: string, params: JsonObject): PlanStep {
  return {
    key: `s3.${operation}:${bucket}`,
    title: `${operation} ${bucket}`,
    why: "test",
    controls: ["CloudTrail.6"],
    service: "s3",
    operation,
    region: "us-east-1",
    targetAccountId: TARGET,
    resource: `arn:aws:s3:::${bucket}`,
    action: operation === "CreateBucket" ? "create" : "merge",
    changes: [],
    params: { Bucket: bucket, ...params },
  };
}

const policy = (bucket: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrailwardenAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: `arn:aws:s3:::${bucket}`,
      },
    ],
  });

beforeAll(async () => {
  const endpoint = process.env.AWS_ENDPOINT_URL!;
  const sts = new STSClient({ endpoint, region: "us-east-1" });
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SQUATTER}:role/squatter`, RoleSessionName: "squatter" }),
  );
  sts.destroy();
  squatterS3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken,
    },
  });
  provider = new RemediationClients({
    session: { jobId: randomUUID(), user: "engineer@example.com" },
    mutationsPerSecond: 50,
  });
});

afterAll(() => {
  squatterS3?.destroy();
  provider?.destroy();
});

describe("remediation on a bucket name another account took", () => {
  it("refuses to adopt it as the planned trail bucket", async () => {
    const bucket = `trailwarden-cloudtrail-${randomUUID().slice(0, 8)}`;
    await squatterS3.send(new CreateBucketCommand({ Bucket: bucket }));
    const outcome = await executeStep(step("CreateBucket", bucket, { ObjectOwnership: "BucketOwnerEnforced" }), {
      provider,
      outputs: new Map(),
    });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toContain(`bucket ${bucket} exists and is not owned by account ${TARGET}`);
  });

  it("writes nothing to it, whatever the step", async () => {
    const bucket = `trailwarden-cloudtrail-${randomUUID().slice(0, 8)}`;
    await squatterS3.send(new CreateBucketCommand({ Bucket: bucket }));
    const steps = [
      step("PutBucketPolicy", bucket, { Policy: policy(bucket) }),
      step("PutPublicAccessBlock", bucket, {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
      step("PutBucketVersioning", bucket, {}),
      step("PutBucketTagging", bucket, { Tagging: { TagSet: [{ Key: "ManagedBy", Value: "trailwarden" }] } }),
    ];
    for (const s of steps) {
      const outcome = await executeStep(s, { provider, outputs: new Map() });
      expect(outcome.status, s.operation).toBe("failed");
      expect(outcome.error, s.operation).toMatch(/Access denied: s3:.*not owned by account 123456789012/);
    }
    // The squatter's bucket is as it was.
    await expect(squatterS3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).rejects.toThrow();
    expect((await squatterS3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBeUndefined();
    await expect(squatterS3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).rejects.toThrow();
  });

  it("still fixes the target account's own bucket", async () => {
    const bucket = `trailwarden-cloudtrail-${randomUUID().slice(0, 8)}`;
    const create = await executeStep(step("CreateBucket", bucket, {}), { provider, outputs: new Map() });
    expect(create.status).toBe("succeeded");
    const put = await executeStep(step("PutBucketPolicy", bucket, { Policy: policy(bucket) }), {
      provider,
      outputs: new Map(),
    });
    expect(put.status, put.error ?? "").toBe("succeeded");
    expect(put.changed).toBe(true);
  });
});
