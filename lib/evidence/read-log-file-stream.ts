// Reads one account × region's log files where no digest vouches for them (validation off, or the
// time before it was switched on): weaker evidence, "delivered, unsigned". The delivery time in
// each key marks its hour as delivered; the listing resumes from the last key like the digests'.
import type { S3Client } from "@aws-sdk/client-s3";
import type { EvidenceIntervalRecord, EvidenceStreamSpec } from "@/lib/evidence/evidence-types";
import { listRecordKeys } from "@/lib/evidence/list-record-keys";
import { logFileFolder, parseLogFileKey, startAfterFor } from "@/lib/evidence/record-keys";
import type { StreamPosition, StreamReadResult } from "@/lib/evidence/read-digest-stream";

const HOUR = 3_600_000;

export async function readLogFileStream(
  spec: EvidenceStreamSpec,
  position: StreamPosition,
  opts: { s3: S3Client; since: Date },
): Promise<StreamReadResult> {
  const folder = logFileFolder(spec);
  let s3Calls = 0;
  let files = 0;
  let open = position.open;
  const closed: EvidenceIntervalRecord[] = [];
  let lastKey = position.lastKey;
  const pages = listRecordKeys(
    opts.s3,
    spec.bucket,
    folder,
    lastKey ?? startAfterFor(folder, opts.since),
    () => {
      s3Calls += 1;
    },
    spec.bucketOwner ?? undefined,
  );
  outer: for await (const page of pages) {
    for (const { key } of page) {
      const at = parseLogFileKey(key, spec);
      if (!at || at < opts.since) continue;
      if (spec.until && at >= spec.until) break outer;
      files += 1;
      lastKey = key;
      const start = Math.floor(at.getTime() / HOUR) * HOUR;
      if (open && start <= open.end.getTime()) {
        open.end = new Date(Math.max(open.end.getTime(), start + HOUR));
        open.files += 1;
        continue;
      }
      if (open) closed.push(open);
      open = { kind: "log-files", start: new Date(start), end: new Date(start + HOUR), files: 1 };
    }
  }
  // Log files mark whole hours; the first digest begins a minute or two into its hour. The hour
  // that holds the switch is vouched for by its log files up to where the digests take over, so
  // the two kinds of evidence meet instead of leaving a seam of seconds that reads as a gap.
  if (spec.until && open && open.end < spec.until && spec.until.getTime() - open.end.getTime() < HOUR) {
    open = { ...open, end: spec.until };
  }
  return {
    lastKey,
    tip: null,
    open,
    closed,
    issues: [],
    digests: 0,
    valid: 0,
    unverifiable: 0,
    logFilesChecked: 0,
    logChecksByDay: new Map(),
    logFilesListed: files,
    s3Calls,
  };
}
