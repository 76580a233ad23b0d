// What the watch remembers of an account between rounds (WatchState.trails): each applicable trail
// it checks, whether it was logging, and a fingerprint of the configuration that verdicts depend
// on. A different fingerprint is "a change that can move a verdict"; anything else (a new S3 key
// prefix, tags) is not worth a collection.
import { judgeManagementEvents } from "@/lib/controls/management-events";
import type { TrailState } from "@/lib/collect/snapshot-types";

export interface WatchedTrail {
  arn: string;
  name: string;
  homeRegion: string;
  /** The account the trail is read in (its owner: the management account for the organization trail). */
  ownerAccountId: string;
  /** An organization trail: a change to it moves every member's verdicts. */
  organization: boolean;
  isLogging: boolean | null;
  fingerprint: string;
  /** What CloudTrail.1 needs of a trail (pick-status-checks.ts); absent in states stored before they were kept. */
  multiRegion?: boolean;
  /** "all" | "partial" | "none" | "unknown": how much of the management events it logs. */
  managementEvents?: string;
}

export interface TrailFingerprintInput {
  isMultiRegionTrail?: boolean;
  logFileValidationEnabled?: boolean;
  kmsKeyId?: string;
  cloudWatchLogsLogGroupArn?: string;
  s3BucketName?: string;
  /** "all" | "partial" | "none" | "unknown": how much of the management events it logs. */
  managementEvents: string;
}

export function trailFingerprint(t: TrailFingerprintInput): string {
  return JSON.stringify([
    Boolean(t.isMultiRegionTrail),
    Boolean(t.logFileValidationEnabled),
    Boolean(t.kmsKeyId),
    t.cloudWatchLogsLogGroupArn ?? "",
    t.s3BucketName ?? "",
    t.managementEvents,
  ]);
}

export function watchedFromSnapshot(t: TrailState): WatchedTrail {
  const managementEvents = judgeManagementEvents(t.eventSelectors).coverage;
  return {
    arn: t.arn,
    name: t.name,
    homeRegion: t.homeRegion,
    ownerAccountId: t.ownerAccountId,
    organization: t.isOrganizationTrail,
    isLogging: t.status?.isLogging ?? null,
    fingerprint: trailFingerprint({ ...t, managementEvents }),
    multiRegion: Boolean(t.isMultiRegionTrail),
    managementEvents,
  };
}

/** What one account's check found. */
export interface AccountCheck {
  accountId: string;
  /** Why a collection is needed now; empty when nothing that can move a verdict changed. */
  changes: string[];
  /** A change touched an organization trail: every account's verdicts may move. */
  organizationWide: boolean;
  trails: WatchedTrail[];
  /** CloudTrail calls made for this account this round (AssumeRole not counted). */
  calls: number;
  error: string | null;
  watermarks: Record<string, string>;
}

/** CloudTrail's own mutating events: the ones that explain a verdict change. */
export const TRAIL_MUTATIONS = new Set([
  "StopLogging",
  "StartLogging",
  "DeleteTrail",
  "CreateTrail",
  "UpdateTrail",
  "PutEventSelectors",
  "PutInsightSelectors",
  "DeleteEventDataStore",
  "UpdateEventDataStore",
  "CreateEventDataStore",
  "StopEventDataStoreIngestion",
  "StartEventDataStoreIngestion",
  "RemoveTags",
  "AddTags",
]);
