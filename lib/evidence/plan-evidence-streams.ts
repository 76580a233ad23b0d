// Which parts of which buckets hold an account's record: for every trail that applies to it (its
// own and the organization trail), every region the trail logs, the digest folder when validation
// is on and the log-file folder when it is off. Pure: a function of the latest snapshot.
import type { AccountSnapshotState, TrailState } from "@/lib/collect/snapshot-types";
import type { EvidenceStreamSpec } from "@/lib/evidence/evidence-types";

export type EvidenceSnapshot = Pick<
  AccountSnapshotState,
  "accountId" | "regions" | "trails" | "buckets" | "organization"
>;

export interface PlannedStreams {
  streams: EvidenceStreamSpec[];
  /** Trails whose record cannot be read, with the reason (shown in the summary). */
  skipped: { trailArn: string; reason: string }[];
}

function regionsOf(trail: TrailState, snapshot: EvidenceSnapshot): string[] {
  if (!trail.isMultiRegionTrail) return [trail.homeRegion];
  const enabled = snapshot.regions.filter((r) => r.status === "enabled").map((r) => r.region);
  return enabled.length ? enabled : [trail.homeRegion];
}

export function planEvidenceStreams(snapshot: EvidenceSnapshot): PlannedStreams {
  const streams: EvidenceStreamSpec[] = [];
  const skipped: PlannedStreams["skipped"] = [];
  for (const trail of snapshot.trails) {
    if (!trail.s3BucketName) {
      skipped.push({ trailArn: trail.arn, reason: "the trail names no S3 bucket" });
      continue;
    }
    const bucket = snapshot.buckets[trail.s3BucketName];
    if (bucket?.readStatus === "no_data") {
      skipped.push({
        trailArn: trail.arn,
        reason: `bucket ${trail.s3BucketName} cannot be read: ${bucket.reason ?? "owned outside the organization"}`,
      });
      continue;
    }
    const organizationId = trail.isOrganizationTrail ? snapshot.organization?.id : undefined;
    if (trail.isOrganizationTrail && !organizationId) {
      skipped.push({ trailArn: trail.arn, reason: "organization trail, but the organization id is not known" });
      continue;
    }
    for (const region of regionsOf(trail, snapshot)) {
      const common = {
        accountId: snapshot.accountId,
        region,
        trailArn: trail.arn,
        trailName: trail.name,
        homeRegion: trail.homeRegion,
        bucket: trail.s3BucketName,
        bucketOwner: bucket?.ownerAccountId ?? trail.ownerAccountId,
        bucketRegion: bucket?.region ?? trail.homeRegion,
        keyPrefix: trail.s3KeyPrefix || undefined,
        organizationId,
      };
      // Digests are read even with validation off now: it may have been on before.
      streams.push({ ...common, kind: "digests" });
      streams.push({ ...common, kind: "log-files" });
    }
  }
  return { streams, skipped };
}
