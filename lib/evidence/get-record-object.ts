// Reads one object of the delivered record: its uncompressed bytes and metadata, or null when it
// is not there (NoSuchKey: a missing digest or log file is a finding, not an error).
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export interface RecordObject {
  inflated: Buffer;
  metadata: Record<string, string>;
  /** False when the bytes were neither gzip nor plain JSON (a corrupted file). */
  readable: boolean;
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.Code === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

/** `expectedOwner`: the bucket's owner as the snapshot found it; S3 refuses (403) a bucket another account owns. */
export async function getRecordObject(
  s3: S3Client,
  bucket: string,
  key: string,
  expectedOwner?: string,
): Promise<RecordObject | null> {
  let body: Uint8Array;
  let metadata: Record<string, string>;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: expectedOwner }));
    body = (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    metadata = out.Metadata ?? {};
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  const bytes = Buffer.from(body);
  // CloudTrail writes gzip; a client or proxy that already inflated it hands over the JSON itself.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return { inflated: gunzipSync(bytes), metadata, readable: true };
    } catch {
      return { inflated: bytes, metadata, readable: false };
    }
  }
  return { inflated: bytes, metadata, readable: bytes[0] === 0x7b };
}
