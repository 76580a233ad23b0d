// The vocabulary of the delivered record: what a stream is, what reading it finds, and the
// integrity findings stored per S3 key.

/** Where one account × region × trail's record is read from. */
export interface EvidenceStreamSpec {
  accountId: string;
  region: string;
  trailArn: string;
  trailName: string;
  homeRegion: string;
  bucket: string;
  /** The account that owns the bucket (read through its read role); null when outside the organization. */
  bucketOwner: string | null;
  bucketRegion: string;
  keyPrefix?: string;
  organizationId?: string;
  /** digests: the signed chain; log-files: the log files themselves (validation off, or before it was on). */
  kind: "digests" | "log-files";
  /** Read log files only up to here (the time before validation was switched on). */
  until?: Date;
}

export const ISSUE_REASONS = [
  "invalid_signature",
  "unknown_public_key",
  "invalid_format",
  "moved",
  "broken_chain",
  "missing_digest",
  "missing_hours",
  "missing_log_file",
  "modified_log_file",
] as const;
export type IssueReason = (typeof ISSUE_REASONS)[number];

export const ISSUE_LABELS: Record<IssueReason, string> = {
  invalid_signature: "Invalid signature",
  unknown_public_key: "Signed by a key CloudTrail does not publish",
  invalid_format: "Not a digest file",
  moved: "Moved from where CloudTrail delivered it",
  broken_chain: "Broken chain (does not match the previous digest)",
  missing_digest: "Digest missing inside the chain",
  missing_hours: "No digest delivered",
  missing_log_file: "Log file missing",
  modified_log_file: "Log file modified",
};

/** Reasons that are integrity failures (missing hours are gaps in coverage, not tampering). */
export const INTEGRITY_FAILURES: ReadonlySet<IssueReason> = new Set([
  "invalid_signature",
  "unknown_public_key",
  "invalid_format",
  "moved",
  "broken_chain",
  "missing_digest",
  "missing_log_file",
  "modified_log_file",
]);

export interface EvidenceIssueRecord {
  key: string;
  reason: IssueReason;
  detail: string;
  /** The hours concerned (missing hours, or the hour a digest covered). */
  start?: Date;
  end?: Date;
}

/** Time the record vouches for: valid digests, digests whose signature could not be checked, or delivered log files. */
export type IntervalKind = "digests" | "unverified" | "log-files";

export interface EvidenceIntervalRecord {
  kind: IntervalKind;
  start: Date;
  end: Date;
  /** Digest or log files inside. */
  files: number;
}

/** The newest digest read, against which the next one's previous-digest link is checked. */
export interface ChainTip {
  key: string;
  end: string; // ISO
  hash: string;
  signature: string;
  /** False when that digest failed validation (its successor's link is not judged again). */
  ok: boolean;
  /** Backfill digests already read that a later read's look back lists again (not re-read). */
  backfill?: string[];
}

export type SignatureStatus = "valid" | "invalid" | "unknown_key" | "unverifiable";
