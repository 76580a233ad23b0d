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
  /** The same checks per UTC day (YYYY-MM-DD) of the digest that lists the files. */
  logChecksByDay: Map<string, number>;
  /** Log files seen in a log-file listing (not hash-checked). */
  logFilesListed: number;
  s3Calls: number;
}

/**
 * How far before the newest digest read an incremental listing starts again. CloudTrail delivers
 * backfill digests (log files a digest missed through processing delays) after the fact, into the
 * folder of the hour they belong to, which a listing after the last key would never see. One page
 * of 1,000 keys holds this window, so the look back costs no extra call.
 */
export const BACKFILL_LOOKBACK_MS = 48 * 3_600_000;

interface ListedDigest extends ListedKey {
  backfill: boolean;
}

async function* digestKeysOf(
  spec: EvidenceStreamSpec,
  pages: AsyncIterable<ListedKey[]>,
  since: Date,
  lastKey: string | null,
  seenBackfill: ReadonlySet<string>,
): AsyncGenerator<ListedDigest[]> {
  for await (const page of pages) {
    const mine: ListedDigest[] = [];
    for (const k of page) {
      const p = parseDigestKey(k.key, spec);
      if (!p || p.trailName !== spec.trailName || p.homeRegion !== spec.homeRegion || p.end < since) continue;
      // At or before the last key read, only a backfill digest delivered since is new.
      if (lastKey !== null && k.key <= lastKey && (!p.backfill || seenBackfill.has(k.key))) continue;
      mine.push({ ...k, backfill: p.backfill });
    }
    if (mine.length) yield mine;
  }
}

/** Lists from the last key, or from BACKFILL_LOOKBACK_MS before the newest digest if that is earlier. */
function listFrom(folder: string, position: StreamPosition, since: Date): string {
  if (!position.lastKey) return startAfterFor(folder, since);
  if (!position.tip) return position.lastKey;
  const back = new Date(Math.max(since.getTime(), new Date(position.tip.end).getTime() - BACKFILL_LOOKBACK_MS));
  const windowStart = startAfterFor(folder, back);
  return windowStart < position.lastKey ? windowStart : position.lastKey;
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
  const logChecksByDay = new Map<string, number>();
  const logIssues: EvidenceIssueRecord[] = [];
  const onCall = () => {
    s3Calls += 1;
  };
  const range: [Date, Date] = [opts.since, new Date(opts.now.getTime() + 2 * 3_600_000)];

  const judge = async (listed: ListedDigest): Promise<JudgedDigest | null> => {
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
      const day = digest.digestStartTime.slice(0, 10);
      if (sampled.length) logChecksByDay.set(day, (logChecksByDay.get(day) ?? 0) + sampled.length);
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
      backfill: listed.backfill ? { generatedAt: obj.metadata["backfill-generation-timestamp"] ?? null } : undefined,
    };
  };

  let lastKey = position.lastKey;
  const seenBackfill = new Set(position.tip?.backfill ?? []);
  const pages = listRecordKeys(
    opts.s3,
    spec.bucket,
    folder,
    listFrom(folder, position, opts.since),
    onCall,
    spec.bucketOwner ?? undefined,
  );
  const keys = digestKeysOf(spec, pages, opts.since, position.lastKey, seenBackfill);
  for await (const judged of orderedPool(keys, opts.concurrency ?? 16, judge)) {
    if (!judged) continue;
    if (judged.backfill) {
      // Backfill digests vouch for extra log files of an hour already covered: judged, not chained here.
      walker.addBackfill(judged);
      seenBackfill.add(judged.key);
    } else walker.add(judged);
    if (lastKey === null || judged.key > lastKey) lastKey = judged.key;
  }
  // Remember the backfill digests the next look back will list again, and no older ones.
  const tip = walker.tip;
  if (tip) {
    const windowStart = new Date(tip.end).getTime() - BACKFILL_LOOKBACK_MS - 86_400_000;
    const kept = [...seenBackfill].filter((k) => (parseDigestKey(k, spec)?.end.getTime() ?? 0) >= windowStart);
    if (kept.length) tip.backfill = kept;
    else delete tip.backfill;
  }
  return {
    lastKey,
    tip,
    open: walker.open,
    closed: walker.closed,
    issues: [...walker.issues, ...logIssues],
    digests: walker.counts.digests,
    valid: walker.counts.valid,
    unverifiable: walker.counts.unverifiable,
    logFilesChecked,
    logChecksByDay,
    logFilesListed: 0,
    s3Calls,
  };
}
