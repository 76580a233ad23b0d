// The evidence reader names the trail bucket's owner on every S3 call (ExpectedBucketOwner), so a
// bucket of the same name in another account is refused by S3 instead of being read as the record.
import type { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { getRecordObject } from "@/lib/evidence/get-record-object";
import { listRecordKeys } from "@/lib/evidence/list-record-keys";
import { verifyLogFile } from "@/lib/evidence/verify-log-file";

function recordingS3(): { s3: S3Client; inputs: Record<string, unknown>[] } {
  const inputs: Record<string, unknown>[] = [];
  const s3 = {
    send: (cmd: { input: Record<string, unknown> }) => {
      inputs.push(cmd.input);
      return Promise.resolve({
        Contents: [{ Key: "k", Size: 1 }],
        IsTruncated: false,
        Body: { transformToByteArray: () => Promise.resolve(new TextEncoder().encode("{}")) },
        Metadata: {},
      });
    },
  } as unknown as S3Client;
  return { s3, inputs };
}

describe("evidence S3 calls", () => {
  it("send ExpectedBucketOwner on GetObject and ListObjectsV2", async () => {
    const { s3, inputs } = recordingS3();
    await getRecordObject(s3, "trail-bucket", "AWSLogs/x.json.gz", "111122223333");
    for await (const page of listRecordKeys(s3, "trail-bucket", "AWSLogs/", undefined, () => undefined, "111122223333"))
      expect(page).toHaveLength(1);
    await verifyLogFile(
      s3,
      { s3Bucket: "trail-bucket", s3Object: "AWSLogs/y.json.gz", hashValue: "00", hashAlgorithm: "SHA-256" } as never,
      () => undefined,
      "111122223333",
    );
    expect(inputs).toHaveLength(3);
    for (const input of inputs)
      expect(input).toMatchObject({ Bucket: "trail-bucket", ExpectedBucketOwner: "111122223333" });
  });
});
