// Persists one stream's read in one transaction: the new position (last key, chain tip), the
// counters, the intervals (the growing one is upserted, so an incremental read extends it) and the
// issues (one per key and reason, never duplicated by a re-read).
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceStreamSpec } from "@/lib/evidence/evidence-types";
import type { StreamReadResult } from "@/lib/evidence/read-digest-stream";
import { toJsonColumn } from "@/lib/db/json/read-json-column";

export interface StoredStream {
  id: string;
  lastKey: string | null;
  tip: Prisma.JsonValue | null;
  lastReadAt: Date | null;
}

export async function loadStream(spec: EvidenceStreamSpec, folder: string): Promise<StoredStream> {
  const where = {
    accountId_region_trailArn_kind: {
      accountId: spec.accountId,
      region: spec.region,
      trailArn: spec.trailArn,
      kind: spec.kind,
    },
  };
  return db.evidenceStream.upsert({
    where,
    create: { ...where.accountId_region_trailArn_kind, bucket: spec.bucket, folder, bucketOwner: spec.bucketOwner },
    update: {},
    select: { id: true, lastKey: true, tip: true, lastReadAt: true },
  });
}

/** The newest interval of a stream: the one a continuing read extends. */
export async function loadOpenInterval(streamId: string) {
  return db.evidenceInterval.findFirst({ where: { streamId }, orderBy: { startAt: "desc" } });
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** Forgets a stream's position and findings from `since` on (a re-read with --since). */
export async function resetStream(streamId: string, since: Date): Promise<void> {
  await db.$transaction([
    db.evidenceInterval.deleteMany({ where: { streamId, endAt: { gt: since } } }),
    db.evidenceIssue.deleteMany({ where: { streamId } }),
    db.evidenceLogCheck.deleteMany({ where: { streamId, day: { gte: startOfDay(since) } } }),
    db.evidenceStream.update({
      where: { id: streamId },
      data: {
        lastKey: null,
        tip: Prisma.DbNull,
        digests: 0,
        valid: 0,
        unverifiable: 0,
        logFilesChecked: 0,
        logFilesListed: 0,
      },
    }),
  ]);
}

export async function storeStreamRead(
  stream: StoredStream,
  spec: EvidenceStreamSpec,
  read: StreamReadResult,
  extra: { tip?: Prisma.InputJsonValue | null; now: Date },
): Promise<void> {
  const intervals = [...read.closed, ...(read.open ? [read.open] : [])];
  await db.$transaction(async (tx) => {
    for (const i of intervals) {
      await tx.evidenceInterval.upsert({
        where: { streamId_startAt: { streamId: stream.id, startAt: i.start } },
        create: {
          streamId: stream.id,
          accountId: spec.accountId,
          region: spec.region,
          kind: i.kind,
          startAt: i.start,
          endAt: i.end,
          files: i.files,
        },
        update: { endAt: i.end, files: i.files, kind: i.kind },
      });
    }
    if (read.issues.length) {
      await tx.evidenceIssue.createMany({
        data: read.issues.map((x) => ({
          streamId: stream.id,
          accountId: spec.accountId,
          region: spec.region,
          key: x.key,
          reason: x.reason,
          detail: x.detail,
          startAt: x.start ?? null,
          endAt: x.end ?? null,
        })),
        skipDuplicates: true,
      });
    }
    for (const [day, checked] of read.logChecksByDay) {
      await tx.evidenceLogCheck.upsert({
        where: { streamId_day: { streamId: stream.id, day: new Date(`${day}T00:00:00Z`) } },
        create: {
          streamId: stream.id,
          accountId: spec.accountId,
          region: spec.region,
          day: new Date(`${day}T00:00:00Z`),
          checked,
        },
        update: { checked: { increment: checked } },
      });
    }
    const tip = extra.tip !== undefined ? extra.tip : read.tip === null ? null : toJsonColumn(read.tip);
    await tx.evidenceStream.update({
      where: { id: stream.id },
      data: {
        bucket: spec.bucket,
        bucketOwner: spec.bucketOwner,
        lastKey: read.lastKey,
        tip: tip ?? Prisma.DbNull,
        digests: { increment: read.digests },
        valid: { increment: read.valid },
        unverifiable: { increment: read.unverifiable },
        logFilesChecked: { increment: read.logFilesChecked },
        logFilesListed: { increment: read.logFilesListed },
        lastReadAt: extra.now,
        lastError: null,
      },
    });
  });
}

export async function storeStreamError(streamId: string, message: string, now: Date): Promise<void> {
  await db.evidenceStream.update({ where: { id: streamId }, data: { lastError: message, lastReadAt: now } });
}
