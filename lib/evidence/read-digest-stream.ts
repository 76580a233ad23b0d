// Reads one account × region × trail's digest chain from where the last read stopped (or from the
// horizon on a first read): one listing with StartAfter, digests fetched a few at a time and judged
// in order (signature, link, missing hours), optionally the log files they list. Returns what to
// store; nothing of a year's record is held in memory beyond the current window.
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { S3Client } from "@aws-sdk/client-s3";
import { parseDigestFile, sha256Hex, stringToSign, type DigestFile } from "@/lib/evidence/digest-file";
import type {
  ChainTip,
  EvidenceIntervalRecord,
  EvidenceIssueRecord,
  EvidenceStreamSpec,
  SignatureStatus,
} from "@/lib/evidence/evidence-types";
import { getRecordObject } from "@/lib/evidence/get-record-object";
import { listRecordKeys, type ListedKey } from "@/lib/evidence/list-record-keys";
import { orderedPool } from "@/lib/evidence/ordered-pool";
import type { PublicKeyCache } from "@/lib/evidence/public-key-cache";
import { digestFolder, parseDigestKey, startAfterFor } from "@/lib/evidence/record-keys";
import { verifySignature } from "@/lib/evidence/verify-signature";
import { isSampled, verifyLogFile, type LogFileCheck } from "@/lib/evidence/verify-log-file";
import { DigestChainWalker, type JudgedDigest } from "@/lib/evidence/walk-digest-chain";

export interface StreamPosition {
  lastKey: string | null;
  tip: ChainTip | null;
  /** The newest interval, still growing (extended by this read when the chain continues). */
  open: EvidenceIntervalRecord | null;
}

export interface ReadStreamOptions {
  s3: S3Client;
  cloudtrail: CloudTrailClient;
  publicKeys: PublicKeyCache;
  since: Date;
  now: Date;
  logFiles: LogFileCheck;
  concurrency?: number;
}

export interface StreamReadResult extends StreamPosition {
  closed: EvidenceIntervalRecord[];
  issues: EvidenceIssueRecord[];
  digests: number;
  valid: number;
  unverifiable: number;
  logFilesChecked: number;
  /** Log files seen in a log-file listing (not hash-checked). */
  logFilesListed: number;
  s3Calls: number;
}

async function* digestKeysOf(
  spec: EvidenceStreamSpec,
  pages: AsyncIterable<ListedKey[]>,
  since: Date,
): AsyncGenerator<ListedKey[]> {
  for await (const page of pages) {
    const mine = page.filter((k) => {
      const p = parseDigestKey(k.key, spec);
      // Backfill digests form their own chain and cover no hour of their own: not read here.
      return p && !p.backfill && p.trailName === spec.trailName && p.homeRegion === spec.homeRegion && p.end >= since;
    });
    if (mine.length) yield mine;
  }
}

export async function readDigestStream(
  spec: EvidenceStreamSpec,
  position: StreamPosition,
  opts: ReadStreamOptions,
): Promise<StreamReadResult> {
  const folder = digestFolder(spec);
  const walker = new DigestChainWalker(position.tip, position.open);
  let s3Calls = 0;
  let logFilesChecked = 0;
  const logIssues: EvidenceIssueRecord[] = [];
  const onCall = () => {
    s3Calls += 1;
  };
  const range: [Date, Date] = [opts.since, new Date(opts.now.getTime() + 2 * 3_600_000)];

  const judge = async (listed: ListedKey): Promise<JudgedDigest | null> => {
    onCall();
    const obj = await getRecordObject(opts.s3, spec.bucket, listed.key, spec.bucketOwner ?? undefined);
    if (!obj) return null; // deleted between the listing and the read
    const keyEnd = parseDigestKey(listed.key, spec)!.end;
    const digest: DigestFile | null = obj.readable ? parseDigestFile(obj.inflated) : null;
    const signatureHex = obj.metadata.signature ?? "";
    let signature: SignatureStatus = "invalid";
    if (digest && signatureHex && (obj.metadata["signature-algorithm"] ?? "SHA256withRSA") === "SHA256withRSA") {
      const found = await opts.publicKeys.lookup(
        opts.cloudtrail,
        spec.region,
        digest.digestPublicKeyFingerprint,
        range,
      );
      if (found.kind === "unsupported") signature = "unverifiable";
      else if (found.kind === "unknown") signature = "unknown_key";
      else
        signature = verifySignature(stringToSign(digest, obj.inflated), signatureHex, found.key) ? "valid" : "invalid";
    }
    if (digest && signature === "valid" && opts.logFiles !== false) {
      const sampled = digest.logFiles.filter((f) => isSampled(f.s3Object, opts.logFiles));
      const results = await Promise.all(
        sampled.map((f) => verifyLogFile(opts.s3, f, onCall, f.s3Bucket === spec.bucket ? spec.bucketOwner : null)),
      );
      logFilesChecked += sampled.length;
      for (const r of results) if (r) logIssues.push(r);
    }
    return {
      key: listed.key,
      bucket: spec.bucket,
      digest,
      hash: sha256Hex(obj.inflated),
      signatureHex,
      signature,
      keyEnd,
    };
  };

  let lastKey = position.lastKey;
  const pages = listRecordKeys(
    opts.s3,
    spec.bucket,
    folder,
    lastKey ?? startAfterFor(folder, opts.since),
    onCall,
    spec.bucketOwner ?? undefined,
  );
  for await (const judged of orderedPool(digestKeysOf(spec, pages, opts.since), opts.concurrency ?? 16, judge)) {
    if (!judged) continue;
    walker.add(judged);
    lastKey = judged.key;
  }
  return {
    lastKey,
    tip: walker.tip,
    open: walker.open,
    closed: walker.closed,
    issues: [...walker.issues, ...logIssues],
    digests: walker.counts.digests,
    valid: walker.counts.valid,
    unverifiable: walker.counts.unverifiable,
    logFilesChecked,
    logFilesListed: 0,
    s3Calls,
  };
}
