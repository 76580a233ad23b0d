// Writes a backfill digest as CloudTrail delivers one after the fact: log files an hour's digest
// missed through processing delays, listed in a signed digest whose key ends `_backfill.json.gz`,
// in the folder of the hour it belongs to (so it lands before keys already delivered), with the
// time it was generated in its `backfill-generation-timestamp` metadata.
import { randomBytes, sign } from "node:crypto";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { sha256Hex, stringToSign, type DigestFile } from "@/lib/evidence/digest-file";
import { digestKey, logFileKey, type RecordLocation } from "@/lib/evidence/record-keys";
import type { SimKeyring } from "@/sim/signing-keys";

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export interface BackfillSpec extends RecordLocation {
  bucket: string;
  trailName: string;
  homeRegion: string;
  /** The hour (its start) the backfill belongs to. */
  hour: Date;
  /** When CloudTrail generated it (signs with the key valid then). */
  generatedAt: Date;
  logFiles?: number;
  /** Rewrite the digest after signing (tampered). */
  tamper?: boolean;
}

export async function writeBackfillDigest(
  s3: S3Client,
  keys: SimKeyring,
  spec: BackfillSpec,
): Promise<{ key: string; logFileKeys: string[] }> {
  const h = Math.floor(spec.hour.getTime() / HOUR) * HOUR;
  const put = (Key: string, Body: Buffer, Metadata?: Record<string, string>) =>
    s3.send(new PutObjectCommand({ Bucket: spec.bucket, Key, Body, Metadata, ContentType: "application/json" }));
  const logFiles: DigestFile["logFiles"] = [];
  for (let i = 0; i < (spec.logFiles ?? 1); i++) {
    const delivered = new Date(h + 50 * 60_000 + i * 60_000);
    const key = logFileKey(spec, delivered, randomBytes(8).toString("hex").toUpperCase());
    const body = Buffer.from(JSON.stringify({ Records: [] }));
    await put(key, gzipSync(body));
    logFiles.push({
      s3Bucket: spec.bucket,
      s3Object: key,
      hashValue: sha256Hex(body),
      hashAlgorithm: "SHA-256",
      newestEventTime: iso(delivered),
      oldestEventTime: iso(delivered),
    });
  }
  const start = new Date(h + 91_000);
  const end = new Date(h + HOUR + 91_000);
  const key = digestKey(spec, spec.trailName, spec.homeRegion, end).replace(/\.json\.gz$/, "_backfill.json.gz");
  const signingKey = keys.keyAt(spec.region, spec.generatedAt);
  const digest: DigestFile = {
    awsAccountId: spec.accountId,
    digestStartTime: iso(start),
    digestEndTime: iso(end),
    digestS3Bucket: spec.bucket,
    digestS3Object: key,
    digestPublicKeyFingerprint: signingKey.fingerprint,
    digestSignatureAlgorithm: "SHA256withRSA",
    newestEventTime: logFiles.at(-1)?.newestEventTime ?? null,
    oldestEventTime: logFiles[0]?.oldestEventTime ?? null,
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles,
  };
  const inflated = Buffer.from(JSON.stringify(digest));
  const signature = sign("sha256", Buffer.from(stringToSign(digest, inflated)), signingKey.privateKey).toString("hex");
  const body = spec.tamper ? Buffer.from(JSON.stringify({ ...digest, logFiles: [] })) : inflated;
  await put(key, gzipSync(body), {
    signature,
    "signature-algorithm": "SHA256withRSA",
    "backfill-generation-timestamp": iso(spec.generatedAt),
  });
  return { key, logFileKeys: logFiles.map((f) => f.s3Object) };
}
