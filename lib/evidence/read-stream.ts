// Reads one stream where it stands: loads its position, reads (digests or log files), stores the
// result, and records a failure on the stream itself (shown on the account page) without failing
// the others. Log files are read where digests do not vouch: with validation off, and before the
// first digest when validation was switched on later than the horizon.
import "server-only";
import type { RunContext } from "@/lib/collect/run-context";
import { classifyError } from "@/lib/aws/classify-error";
import type { EvidenceIntervalRecord, EvidenceStreamSpec } from "@/lib/evidence/evidence-types";
import type { PublicKeyCache } from "@/lib/evidence/public-key-cache";
import { readDigestStream, type StreamReadResult } from "@/lib/evidence/read-digest-stream";
import { readLogFileStream } from "@/lib/evidence/read-log-file-stream";
import { digestFolder, logFileFolder } from "@/lib/evidence/record-keys";
import type { LogFileCheck } from "@/lib/evidence/verify-log-file";
import { db } from "@/lib/db";
import { alertIntegrityFailures } from "@/lib/evidence/alert-integrity-failures";
import {
  loadOpenInterval,
  loadStream,
  resetStream,
  storeStreamError,
  storeStreamRead,
} from "@/lib/evidence/store-stream-read";

export interface ReadStreamInput {
  publicKeys: PublicKeyCache;
  horizon: Date;
  since?: Date;
  now: Date;
  logFiles: LogFileCheck;
  /** For a log-file stream: where the same trail's digests begin (undefined: not known). */
  firstDigest?: Date | null;
}

export interface ReadStreamOutcome {
  read: StreamReadResult | null;
  /** For a digest stream: the start of its earliest stored interval or issue. */
  firstDigestAt: Date | null;
}

const DAY = 86_400_000;

/** Whether a log-file stream has hours no digest vouches for: no digests, or a day or more before the first. */
export function logFilesNeeded(firstDigest: Date | null | undefined, since: Date): boolean {
  return !firstDigest || firstDigest.getTime() - since.getTime() >= DAY;
}

async function earliestDigest(streamId: string): Promise<Date | null> {
  const first = await db.evidenceInterval.findFirst({
    where: { streamId },
    orderBy: { startAt: "asc" },
    select: { startAt: true },
  });
  return first?.startAt ?? null;
}

export async function readStream(
  ctx: RunContext,
  spec: EvidenceStreamSpec,
  input: ReadStreamInput,
): Promise<ReadStreamOutcome> {
  const folder = spec.kind === "digests" ? digestFolder(spec) : logFileFolder(spec);
  const stream = await loadStream(spec, folder);
  const since = input.since ?? input.horizon;
  if (input.since) await resetStream(stream.id, input.since);

  if (spec.kind === "log-files") {
    // Log files only where no digest vouches: none at all, or before the first one.
    const until = input.firstDigest ?? undefined;
    if (!logFilesNeeded(until, since)) return { read: null, firstDigestAt: null };
    const done = (stream.tip as { complete?: boolean } | null)?.complete && !input.since;
    if (done) return { read: null, firstDigestAt: null };
    spec = { ...spec, until };
  }
  const s3 = ctx.client("s3", spec.bucketOwner ?? spec.accountId, spec.bucketRegion);
  const open = input.since ? null : await loadOpenInterval(stream.id);
  const position = {
    lastKey: input.since ? null : stream.lastKey,
    tip: input.since || spec.kind !== "digests" ? null : (stream.tip as never),
    open: open
      ? ({ kind: open.kind, start: open.startAt, end: open.endAt, files: open.files } as EvidenceIntervalRecord)
      : null,
  };
  try {
    const read =
      spec.kind === "digests"
        ? await readDigestStream(spec, position, {
            s3,
            cloudtrail: ctx.client("cloudtrail", spec.accountId, spec.region),
            publicKeys: input.publicKeys,
            since,
            now: input.now,
            logFiles: input.logFiles,
          })
        : await readLogFileStream(spec, position, { s3, since });
    // A log-file stream that stops where digests begin is complete once read.
    const tip = spec.kind === "log-files" ? (spec.until ? { complete: true } : null) : undefined;
    await storeStreamRead(stream, spec, read, { tip, now: input.now });
    await alertIntegrityFailures(spec, read.issues);
    return { read, firstDigestAt: spec.kind === "digests" ? await earliestDigest(stream.id) : null };
  } catch (err) {
    const c = classifyError(err);
    await storeStreamError(stream.id, `${c.kind}: ${c.code}: ${c.message}`, input.now);
    throw err;
  }
}
