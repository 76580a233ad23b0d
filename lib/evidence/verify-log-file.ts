// Checks one log file a valid digest lists: that it is still in the bucket and that the SHA-256 of
// its uncompressed content is the hash the digest signed. Sampling picks the same files on every
// run (by a hash of the key), so a sampled check is repeatable.
import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DigestLogFile } from "@/lib/evidence/digest-file";
import type { EvidenceIssueRecord } from "@/lib/evidence/evidence-types";
import { getRecordObject } from "@/lib/evidence/get-record-object";

/** true: every listed log file; a number in (0, 1): that share of them; false: none. */
export type LogFileCheck = boolean | number;

export function isSampled(key: string, check: LogFileCheck): boolean {
  if (check === true) return true;
  if (check === false || check <= 0) return false;
  if (check >= 1) return true;
  const h = createHash("sha256").update(key).digest().readUInt32BE(0);
  return h / 0xffffffff < check;
}

export async function verifyLogFile(
  s3: S3Client,
  file: DigestLogFile,
  onCall: () => void,
  /** The owner of the log file's bucket when known (the digest's own bucket). */
  expectedOwner?: string | null,
): Promise<EvidenceIssueRecord | null> {
  onCall();
  const obj = await getRecordObject(s3, file.s3Bucket, file.s3Object, expectedOwner ?? undefined);
  if (!obj)
    return { key: file.s3Object, reason: "missing_log_file", detail: "listed in a valid digest, not in the bucket" };
  const hash = createHash("sha256").update(obj.inflated).digest("hex");
  if (!obj.readable || hash !== file.hashValue)
    return {
      key: file.s3Object,
      reason: "modified_log_file",
      detail: obj.readable ? "SHA-256 differs from the hash in its digest" : "not a readable gzip file",
    };
  return null;
}
