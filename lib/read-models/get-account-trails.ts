// The account's applicable trails (its own and the organization trail credited to it) as the
// account page lists them, with the event selectors in words and the bucket and log group each
// trail writes to.
import type { BucketState, TrailState } from "@/lib/collect/snapshot-types";
import { applicableTrails } from "@/lib/controls/applicable-trails";
import { judgeManagementEvents, type ManagementCoverage } from "@/lib/controls/management-events";
import { describeSelectors } from "@/lib/read-models/describe-selectors";
import { getAccountSnapshot } from "@/lib/read-models/get-account-snapshot";

export interface TrailView {
  arn: string;
  name: string;
  homeRegion: string;
  ownerAccountId: string;
  creditedFromOrganization: boolean;
  isOrganizationTrail: boolean;
  multiRegion: boolean;
  /** null when GetTrailStatus failed. */
  logging: boolean | null;
  stoppedAt: string | null;
  selectors: string[];
  managementCoverage: ManagementCoverage;
  validation: boolean;
  kmsKeyId: string | null;
  logGroupArn: string | null;
  cloudWatchDeliveryError: string | null;
  bucket: {
    name: string;
    ownerAccountId: string | null;
    readStatus: string;
    accessLogging: boolean | null;
    publicBlocked: boolean | null;
  } | null;
  tags: Record<string, string> | null;
}

function toView(trail: TrailState, credited: boolean, buckets: Record<string, BucketState>): TrailView {
  const bucket = trail.s3BucketName ? buckets[trail.s3BucketName] : undefined;
  const pab = bucket?.publicAccessBlock;
  return {
    arn: trail.arn,
    name: trail.name,
    homeRegion: trail.homeRegion,
    ownerAccountId: trail.ownerAccountId,
    creditedFromOrganization: credited,
    isOrganizationTrail: trail.isOrganizationTrail,
    multiRegion: trail.isMultiRegionTrail,
    logging: trail.status ? trail.status.isLogging : null,
    stoppedAt: trail.status?.stopLoggingTime ?? null,
    selectors: describeSelectors(trail.eventSelectors),
    managementCoverage: judgeManagementEvents(trail.eventSelectors).coverage,
    validation: trail.logFileValidationEnabled,
    kmsKeyId: trail.kmsKeyId ?? null,
    logGroupArn: trail.cloudWatchLogsLogGroupArn ?? null,
    cloudWatchDeliveryError: trail.status?.latestCloudWatchLogsDeliveryError ?? null,
    bucket: trail.s3BucketName
      ? {
          name: trail.s3BucketName,
          ownerAccountId: bucket?.ownerAccountId ?? null,
          readStatus: bucket?.readStatus ?? "unknown",
          accessLogging: bucket?.accessLogging ? bucket.accessLogging.enabled : null,
          // CloudTrail.6: not public when the public access block is fully on, or the policy is not public.
          publicBlocked:
            pab && Object.values(pab).every(Boolean)
              ? true
              : bucket?.policyIsPublic === false
                ? true
                : bucket?.policyIsPublic === true
                  ? false
                  : null,
        }
      : null,
    tags: trail.tags,
  };
}

export async function getAccountTrails(
  accountId: string,
): Promise<{ trails: TrailView[]; collectedAt: string; status: string } | null> {
  const snap = await getAccountSnapshot(accountId);
  if (!snap) return null;
  const state = snap.state;
  if (!Array.isArray(state.trails)) return { trails: [], collectedAt: snap.collectedAt, status: snap.status };
  const trails = applicableTrails(state).map((t) => toView(t.trail, t.creditedFromOrganization, state.buckets ?? {}));
  return { trails, collectedAt: snap.collectedAt, status: snap.status };
}
