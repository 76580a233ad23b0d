// The simulator enforces S3's ExpectedBucketOwner as AWS does (moto ignores it): a request naming
// another account as the expected owner of an existing bucket is refused with 403 AccessDenied,
// a bucket that does not exist still answers NoSuchBucket, and a bucket deleted and re-created by
// another account is judged by its new owner.
import { randomUUID } from "node:crypto";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLoggingCommand,
  HeadBucketCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const HUB = "123456789012"; // moto's default account: the "testing" keys act in it
const OTHER = "210987654321";
let endpoint: string;
let hubS3: S3Client;
let otherS3: S3Client;

function s3(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): S3Client {
  return new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    maxAttempts: 1,
    ...(credentials ? { credentials } : {}),
  });
}

function errorOf(err: unknown): { name: string; status?: number } {
  const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, status: e.$metadata?.httpStatusCode };
}

async function failure(p: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    return errorOf(err);
  }
  throw new Error("expected the request to be refused");
}

beforeAll(async () => {
  endpoint = process.env.AWS_ENDPOINT_URL!;
  hubS3 = s3();
  const sts = new STSClient({ endpoint, region: "us-east-1" });
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/squatter`, RoleSessionName: "squatter" }),
  );
  sts.destroy();
  otherS3 = s3({
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken,
  });
});

afterAll(() => {
  hubS3?.destroy();
  otherS3?.destroy();
});

describe("ExpectedBucketOwner in the simulator", () => {
  it("refuses a bucket another account owns, with AccessDenied (403, bare on HEAD)", async () => {
    const bucket = `squatted-${randomUUID().slice(0, 8)}`;
    await otherS3.send(new CreateBucketCommand({ Bucket: bucket }));
    // moto alone answers the hub from the other account's bucket: exactly the adoption to prevent.
    await expect(hubS3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    expect(
      (await failure(hubS3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: HUB })))).status,
    ).toBe(403);
    expect(
      await failure(hubS3.send(new GetBucketLoggingCommand({ Bucket: bucket, ExpectedBucketOwner: HUB }))),
    ).toEqual({ name: "AccessDenied", status: 403 });
    // The right owner passes, whoever asks.
    await expect(
      hubS3.send(new GetBucketLoggingCommand({ Bucket: bucket, ExpectedBucketOwner: OTHER })),
    ).resolves.toBeDefined();
    await expect(
      otherS3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: OTHER })),
    ).resolves.toBeDefined();
  });

  it("leaves a missing bucket to S3's own NoSuchBucket", async () => {
    const bucket = `missing-${randomUUID().slice(0, 8)}`;
    expect(
      (await failure(hubS3.send(new GetBucketLoggingCommand({ Bucket: bucket, ExpectedBucketOwner: HUB })))).status,
    ).toBe(404);
  });

  it("judges a bucket deleted and re-created by another account by its new owner", async () => {
    const bucket = `recreated-${randomUUID().slice(0, 8)}`;
    await hubS3.send(new CreateBucketCommand({ Bucket: bucket }));
    await expect(
      hubS3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: HUB })),
    ).resolves.toBeDefined();
    await hubS3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await otherS3.send(new CreateBucketCommand({ Bucket: bucket }));
    expect(
      (await failure(hubS3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: HUB })))).status,
    ).toBe(403);
  });
});
