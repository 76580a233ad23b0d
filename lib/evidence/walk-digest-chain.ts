// Judges digests one after another in time order, as `aws cloudtrail validate-logs` does but
// forwards (so a read can resume from the newest digest): each digest's signature status, its link
// to the previous digest (S3 path, SHA-256 of its uncompressed content, signature), hours with no
// digest, and the intervals the valid ones prove. Pure: the reader feeds it, the store persists it.
import type { DigestFile } from "@/lib/evidence/digest-file";
import type {
  ChainTip,
  EvidenceIntervalRecord,
  EvidenceIssueRecord,
  IntervalKind,
  SignatureStatus,
} from "@/lib/evidence/evidence-types";

/** Digest hours meet exactly; allow for clock jitter before calling two of them apart. */
const JOIN_TOLERANCE_MS = 5 * 60_000;

export interface JudgedDigest {
  key: string;
  bucket: string;
  /** null when the object is not a digest file (invalid format). */
  digest: DigestFile | null;
  /** Hex SHA-256 of the uncompressed object. */
  hash: string;
  signatureHex: string;
  signature: SignatureStatus;
  /** The end time the key carries (used when the content cannot be read). */
  keyEnd: Date;
  /** Set for a backfill digest (key ending _backfill.json.gz), with its generation-time metadata. */
  backfill?: { generatedAt: string | null };
}

export interface ChainCounts {
  digests: number;
  valid: number;
  unverifiable: number;
}

export class DigestChainWalker {
  readonly issues: EvidenceIssueRecord[] = [];
  /** Finished intervals; `open` is the one still growing. */
  readonly closed: EvidenceIntervalRecord[] = [];
  readonly counts: ChainCounts = { digests: 0, valid: 0, unverifiable: 0 };

  constructor(
    public tip: ChainTip | null,
    public open: EvidenceIntervalRecord | null,
  ) {}

  add(d: JudgedDigest): void {
    this.counts.digests += 1;
    const digest = d.digest;
    if (!digest) {
      this.issues.push({
        key: d.key,
        reason: "invalid_format",
        detail: "not a gzip'd JSON digest file",
        end: d.keyEnd,
      });
      this.tip = { key: d.key, end: d.keyEnd.toISOString(), hash: d.hash, signature: d.signatureHex, ok: false };
      return;
    }
    const start = new Date(digest.digestStartTime);
    const end = new Date(digest.digestEndTime);
    const ok = this.judgeOwn(d, digest, start, end);
    this.checkLink(d, digest, start);
    if (ok) {
      if (d.signature === "valid") this.counts.valid += 1;
      else this.counts.unverifiable += 1;
      this.extend(d.signature === "valid" ? "digests" : "unverified", start, end);
    } else {
      this.close();
    }
    this.tip = { key: d.key, end: end.toISOString(), hash: d.hash, signature: d.signatureHex, ok };
  }

  /**
   * A backfill digest: CloudTrail's later list of log files an hour's digest missed. Judged as
   * `validate-logs` judges one (format, place, signature, the generation time it must carry); it
   * neither moves the chain's tip nor proves hours of its own (the hour's own digest does).
   */
  addBackfill(d: JudgedDigest): void {
    this.counts.digests += 1;
    const digest = d.digest;
    if (!digest || !d.backfill?.generatedAt) {
      this.issues.push({
        key: d.key,
        reason: "invalid_format",
        detail: digest
          ? "backfill digest without its backfill-generation-timestamp metadata"
          : "not a gzip'd JSON digest file",
        end: d.keyEnd,
      });
      return;
    }
    if (!this.judgeOwn(d, digest, new Date(digest.digestStartTime), new Date(digest.digestEndTime))) return;
    if (d.signature === "valid") this.counts.valid += 1;
    else this.counts.unverifiable += 1;
  }

  /** The digest's own checks (place, signature); false (with the issue recorded) when one fails. */
  private judgeOwn(d: JudgedDigest, digest: DigestFile, start: Date, end: Date): boolean {
    let ok = true;
    if (digest.digestS3Bucket !== d.bucket || digest.digestS3Object !== d.key) {
      ok = false;
      this.issues.push({
        key: d.key,
        reason: "moved",
        detail: `says it was delivered to s3://${digest.digestS3Bucket}/${digest.digestS3Object}`,
        start,
        end,
      });
    } else if (d.signature === "invalid") {
      ok = false;
      this.issues.push({
        key: d.key,
        reason: "invalid_signature",
        detail: "signature verification failed",
        start,
        end,
      });
    } else if (d.signature === "unknown_key") {
      ok = false;
      this.issues.push({
        key: d.key,
        reason: "unknown_public_key",
        detail: `no public key with fingerprint ${digest.digestPublicKeyFingerprint} in ListPublicKeys`,
        start,
        end,
      });
    }
    return ok;
  }

  private checkLink(d: JudgedDigest, digest: DigestFile, start: Date): void {
    const tip = this.tip;
    if (!tip) return;
    const tipEnd = new Date(tip.end);
    const gap = start.getTime() - tipEnd.getTime() > JOIN_TOLERANCE_MS;
    const previousKey = digest.previousDigestS3Object ?? null;
    if (previousKey === null) {
      // A new chain: logging or validation was off in between (awscli's "no log files were delivered").
      if (gap)
        this.issues.push({
          key: d.key,
          reason: "missing_hours",
          detail: "no digest was delivered: logging or log file validation was off",
          start: tipEnd,
          end: start,
        });
      return;
    }
    if (previousKey !== tip.key) {
      this.issues.push({
        key: previousKey,
        reason: "missing_digest",
        detail: `${d.key} links to it, but it is not in the bucket`,
        start: tipEnd,
        end: start,
      });
      return;
    }
    if (!tip.ok) return; // already reported on the previous digest
    const hashOk = !digest.previousDigestHashValue || digest.previousDigestHashValue === tip.hash;
    const signatureOk = digest.previousDigestSignature === tip.signature;
    if (!hashOk || !signatureOk) {
      this.issues.push({
        key: d.key,
        reason: "broken_chain",
        detail: !hashOk
          ? "previousDigestHashValue does not match the previous digest's SHA-256"
          : "previousDigestSignature does not match the previous digest's signature",
        start,
        end: new Date(digest.digestEndTime),
      });
    }
  }

  private extend(kind: IntervalKind, start: Date, end: Date): void {
    const open = this.open;
    if (open && open.kind === kind && Math.abs(start.getTime() - open.end.getTime()) <= JOIN_TOLERANCE_MS) {
      open.end = end;
      open.files += 1;
      return;
    }
    this.close();
    this.open = { kind, start, end, files: 1 };
  }

  private close(): void {
    if (this.open) this.closed.push(this.open);
    this.open = null;
  }
}
