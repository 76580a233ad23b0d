// Writes what CloudTrail itself delivers to a trail's bucket, in AWS's format: an hourly chain of
// signed digest files (gzip'd JSON, signature in the object's metadata, each linked to the previous
// one by its S3 path, SHA-256 and signature) and the gzip'd log files they list. `aws cloudtrail
// validate-logs` accepts what this writes (against the simulator's proxy, which answers
// ListPublicKeys with the same keyring), and so must Trailwarden's validator.
import { randomBytes, sign } from "node:crypto";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import pLimit from "p-limit";

import { sha256Hex, stringToSign, type DigestFile, type DigestLogFile } from "@/lib/evidence/digest-file";
import { digestKey, logFileKey, type RecordLocation } from "@/lib/evidence/record-keys";
import type { SimKeyring } from "@/sim/signing-keys";

const HOUR = 3_600_000;

export interface TrailRecordSpec extends RecordLocation {
  bucket: string;
  trailName: string;
  homeRegion: string;
  /** First hour written (floored to the hour) and the end (exclusive). */
  from: Date;
  to: Date;
  /** Log file validation on from here (digests only after it; log files from `from`). Default: `from`. */
  validationFrom?: Date;
  /** Times logging was stopped: neither log files nor digests, and the chain restarts after. */
  stops?: { from: Date; to: Date }[];
  /** Digests whose hour starts at one of these times are rewritten after signing (tampered). */
  tamperAt?: Date[];
  /** Log files per hour (default 1; 0 writes digests that list none, as quiet hours do). */
  logFilesPerHour?: number;
  /** Seconds after the hour at which digests end (default 91, like AWS's hh:01:31). */
  offsetSeconds?: number;
}

export interface WrittenRecord {
  digestKeys: string[];
  logFileKeys: string[];
  tamperedKeys: string[];
}

function logFileBody(spec: TrailRecordSpec, at: Date): Buffer {
  const event = {
    eventVersion: "1.10",
    userIdentity: { type: "AWSService", invokedBy: "trailwarden-sim.amazonaws.com" },
    eventTime: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: "sts.amazonaws.com",
    eventName: "AssumeRole",
    awsRegion: spec.region,
    sourceIPAddress: "trailwarden-sim.amazonaws.com",
    requestID: randomBytes(16).toString("hex"),
    eventID: randomBytes(16).toString("hex"),
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: spec.accountId,
    eventCategory: "Management",
  };
  return Buffer.from(JSON.stringify({ Records: [event] }));
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Writes the record hour by hour; uploads run concurrently, signing stays in chain order. */
export async function writeTrailRecord(s3: S3Client, keys: SimKeyring, spec: TrailRecordSpec): Promise<WrittenRecord> {
  const limit = pLimit(16);
  const uploads: Promise<unknown>[] = [];
  const put = (Key: string, Body: Buffer, Metadata?: Record<string, string>) =>
    uploads.push(
      limit(() =>
        s3.send(new PutObjectCommand({ Bucket: spec.bucket, Key, Body, Metadata, ContentType: "application/json" })),
      ),
    );
  const offset = (spec.offsetSeconds ?? 91) * 1000;
  const validationFrom = (spec.validationFrom ?? spec.from).getTime();
  const stopped = (t: number) => (spec.stops ?? []).some((s) => t >= s.from.getTime() && t < s.to.getTime());
  const tampered = new Set((spec.tamperAt ?? []).map((d) => Math.floor(d.getTime() / HOUR) * HOUR));
  const out: WrittenRecord = { digestKeys: [], logFileKeys: [], tamperedKeys: [] };
  let previous: { key: string; hash: string; signature: string } | null = null;

  for (let h = Math.floor(spec.from.getTime() / HOUR) * HOUR; h < spec.to.getTime(); h += HOUR) {
    if (stopped(h)) {
      previous = null; // logging restarts with a new chain
      continue;
    }
    const logFiles: DigestLogFile[] = [];
    for (let i = 0; i < (spec.logFilesPerHour ?? 1); i++) {
      const delivered = new Date(h + 5 * 60_000 + i * 5 * 60_000);
      const key = logFileKey(spec, delivered, randomBytes(8).toString("hex").toUpperCase());
      const body = logFileBody(spec, new Date(delivered.getTime() - 60_000));
      put(key, gzipSync(body));
      out.logFileKeys.push(key);
      logFiles.push({
        s3Bucket: spec.bucket,
        s3Object: key,
        hashValue: sha256Hex(body),
        hashAlgorithm: "SHA-256",
        newestEventTime: iso(new Date(delivered.getTime() - 60_000)),
        oldestEventTime: iso(new Date(delivered.getTime() - 60_000)),
      });
    }
    if (h < validationFrom) continue;

    const start = new Date(h + offset);
    const end = new Date(h + HOUR + offset);
    const key = digestKey(spec, spec.trailName, spec.homeRegion, end);
    const signingKey = keys.keyAt(spec.region, end);
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
      previousDigestS3Bucket: previous ? spec.bucket : null,
      previousDigestS3Object: previous?.key ?? null,
      previousDigestHashValue: previous?.hash ?? null,
      previousDigestHashAlgorithm: previous ? "SHA-256" : null,
      previousDigestSignature: previous?.signature ?? null,
      logFiles,
    };
    const inflated = Buffer.from(JSON.stringify(digest));
    const signature = sign("sha256", Buffer.from(stringToSign(digest, inflated)), signingKey.privateKey).toString(
      "hex",
    );
    let body = inflated;
    if (tampered.has(h)) {
      // Someone rewrote the digest after delivery: dropped the first log file it listed and moved
      // its newest event time (a change even when the hour listed no log file).
      body = Buffer.from(
        JSON.stringify({ ...digest, logFiles: digest.logFiles.slice(1), newestEventTime: iso(start) }),
      );
      out.tamperedKeys.push(key);
    }
    put(key, gzipSync(body), { signature, "signature-algorithm": "SHA256withRSA" });
    out.digestKeys.push(key);
    previous = { key, hash: sha256Hex(inflated), signature };
    // Keep memory flat on long records: settle uploads every few thousand objects.
    if (uploads.length >= 2_000) await Promise.all(uploads.splice(0));
  }
  await Promise.all(uploads);
  return out;
}
