// A CloudTrail digest file as AWS delivers it ("CloudTrail digest file structure"): gzip'd JSON,
// its signature in the object's metadata (x-amz-meta-signature, hex; x-amz-meta-signature-algorithm,
// SHA256withRSA). The fields awscli's validate-logs requires are required here too.
import { createHash } from "node:crypto";
import { z } from "zod";

const logFileEntry = z.object({
  s3Bucket: z.string(),
  s3Object: z.string(),
  hashValue: z.string(),
  hashAlgorithm: z.string().optional(),
  newestEventTime: z.string().nullish(),
  oldestEventTime: z.string().nullish(),
});

export const digestFileSchema = z.object({
  awsAccountId: z.string().optional(),
  digestStartTime: z.string(),
  digestEndTime: z.string(),
  digestS3Bucket: z.string(),
  digestS3Object: z.string(),
  digestPublicKeyFingerprint: z.string(),
  digestSignatureAlgorithm: z.string().optional(),
  newestEventTime: z.string().nullish(),
  oldestEventTime: z.string().nullish(),
  previousDigestS3Bucket: z.string().nullable().optional(),
  previousDigestS3Object: z.string().nullable().optional(),
  previousDigestHashValue: z.string().nullable().optional(),
  previousDigestHashAlgorithm: z.string().nullable().optional(),
  // Required (awscli refuses a digest without it), null on the first digest of a chain.
  previousDigestSignature: z.string().nullable(),
  logFiles: z.array(logFileEntry).default([]),
});

export type DigestFile = z.infer<typeof digestFileSchema>;
export type DigestLogFile = DigestFile["logFiles"][number];

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The data-signing string: digest end time, the digest's S3 path (bucket/key), the hex SHA-256 of
 * the uncompressed digest, and the previous digest's hex signature ("null" for the first of a chain,
 * as AWS's Java implementation writes it).
 */
export function stringToSign(digest: DigestFile, inflated: Buffer): string {
  return [
    digest.digestEndTime,
    `${digest.digestS3Bucket}/${digest.digestS3Object}`,
    sha256Hex(inflated),
    digest.previousDigestSignature ?? "null",
  ].join("\n");
}

/** Parses an uncompressed digest; null when it is not one (invalid format). */
export function parseDigestFile(inflated: Buffer): DigestFile | null {
  let json: unknown;
  try {
    json = JSON.parse(inflated.toString("utf8"));
  } catch {
    return null;
  }
  const parsed = digestFileSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
