// Which regions of a trail's bucket actually hold a record: one ListObjectsV2 with Delimiter "/" on
// a record root ([prefix/]AWSLogs/[o-id/]<account>/CloudTrail-Digest/ or CloudTrail/) names the
// region folders present, so a read lists only those instead of every region an account reports
// (an emulator reports dozens; a trail created an hour ago holds a record in none yet). An answer
// that found every region wanted is kept for a day (on AWS a multi-region trail delivers a digest
// per enabled region every hour, so that is the usual case and an incremental read costs no extra
// call); one that lacks some is asked again on the next read, as their first digest may be due.
import "server-only";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { db } from "@/lib/db";
import type { EvidenceStreamSpec } from "@/lib/evidence/evidence-types";
import { recordRoot } from "@/lib/evidence/record-keys";

export const REGION_SCAN_TTL_MS = 24 * 3_600_000;

export interface RegionScanInput {
  s3: S3Client;
  now: Date;
  /** Scan again even when a recent answer is stored (a --since re-read). */
  rescan: boolean;
  onCall: () => void;
}

async function listRegionFolders(
  s3: S3Client,
  bucket: string,
  root: string,
  expectedOwner: string | undefined,
  onCall: () => void,
): Promise<string[]> {
  const regions: string[] = [];
  let token: string | undefined;
  do {
    onCall();
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: root,
        Delimiter: "/",
        ContinuationToken: token,
        ExpectedBucketOwner: expectedOwner,
      }),
    );
    for (const p of out.CommonPrefixes ?? []) {
      const region = p.Prefix?.slice(root.length).replace(/\/$/, "");
      if (region) regions.push(region);
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return regions;
}

/** The regions whose folder exists under `spec`'s record root (`wanted`: the regions the read plans). */
export async function findRecordRegions(
  spec: EvidenceStreamSpec,
  wanted: string[],
  input: RegionScanInput,
): Promise<Set<string>> {
  const prefix = recordRoot(spec, spec.kind);
  const where = { bucket_prefix: { bucket: spec.bucket, prefix } };
  const stored = input.rescan
    ? null
    : await db.evidenceFolderScan.findUnique({ where, select: { regions: true, scannedAt: true } });
  const fresh = stored && input.now.getTime() - stored.scannedAt.getTime() < REGION_SCAN_TTL_MS;
  if (fresh && wanted.every((r) => stored.regions.includes(r))) return new Set(stored.regions);
  const regions = await listRegionFolders(input.s3, spec.bucket, prefix, spec.bucketOwner ?? undefined, input.onCall);
  await db.evidenceFolderScan.upsert({
    where,
    create: { bucket: spec.bucket, prefix, accountId: spec.accountId, regions, scannedAt: input.now },
    update: { regions, scannedAt: input.now },
  });
  return new Set(regions);
}
