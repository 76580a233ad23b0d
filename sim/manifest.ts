// The simulated organization as seeded: what other tools (integration tests, the demo, benchmarks)
// can rely on without reading moto. `expected` holds the verdicts docs/controls.md gives for the
// seeded state, so tests compare the evaluator against it.
import { CLOUDTRAIL_CONTROL_IDS, CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";

/** The family in display order: the catalogue's own list, so the two cannot drift apart. */
export const FAMILY_CONTROL_IDS = [...CLOUDTRAIL_CONTROL_IDS, ...CLOUDWATCH_CONTROL_IDS] as const;

export type FamilyControlId = (typeof FAMILY_CONTROL_IDS)[number];

export type ExpectedVerdict = "PASSED" | "FAILED" | "WARNING" | "NO_DATA" | "NOT_APPLICABLE";

/** How a trail's event selectors were seeded. "default (unset)": PutEventSelectors never called. */
export type SelectorSeed =
  | "basic: ReadWriteType=All"
  | "basic: ReadWriteType=WriteOnly"
  | "advanced: eventCategory=Management"
  | "advanced: eventCategory=Management, readOnly=false"
  | "default (unset)";

export interface SimTrail {
  name: string;
  arn: string;
  homeRegion: string;
  ownerAccountId: string;
  isOrganizationTrail: boolean;
  isMultiRegionTrail: boolean;
  isLogging: boolean;
  selectors: SelectorSeed;
  /** Data-event selectors seeded next to the management ones (remediation must keep them). */
  hasDataEventSelectors: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyArn: string | null;
  logGroupArn: string | null;
  /** CloudWatch.N controls whose filter, alarm and subscribed topic exist on this trail's log group. */
  cisControlsCovered: string[];
  bucketName: string;
  bucketOwnerAccountId: string;
  tags: Record<string, string>;
}

export interface SimBucket {
  name: string;
  ownerAccountId: string;
  accessLogging: boolean;
  publicAccessBlock: boolean;
  versioning: boolean;
}

export type FindingRelation =
  | "agrees" // matches the seeded state
  | "stale" // older verdict the seeded state no longer matches (UpdatedAt days ago)
  | "archived" // RecordState ARCHIVED: must be ignored by ingestion
  | "security-hub-differs"; // current, but Security Hub judges differently (e.g. no org-trail credit)

export interface SimSecurityHubFinding {
  id: string;
  accountId: string;
  controlId: string;
  complianceStatus: "PASSED" | "FAILED" | "WARNING" | "NOT_AVAILABLE";
  recordState: "ACTIVE" | "ARCHIVED";
  workflowStatus: "NEW" | "NOTIFIED" | "SUPPRESSED" | "RESOLVED";
  updatedAt: string;
  resourceType: "AwsAccount" | "AwsCloudTrailTrail" | "AwsS3Bucket";
  resourceId: string;
  relation: FindingRelation;
}

export interface SimAccount {
  accountId: string;
  name: string;
  email: string;
  /** e.g. "Root/Workloads/Prod"; the management account is "Root". */
  ouPath: string;
  /** The state this account was seeded to show, e.g. "write-only-selectors". */
  state: string;
  description: string;
  tags: Record<string, string>;
  /** Trails this account owns (the organization trail is listed under the management account). */
  trails: SimTrail[];
  expected: Record<FamilyControlId, ExpectedVerdict>;
}

export interface SimManifest {
  seededAt: string;
  options: { organizationTrail: boolean };
  managementAccountId: string;
  organizationId: string;
  rootId: string;
  organizationalUnits: { id: string; path: string }[];
  securityHubAdminAccountId: string;
  securityHubRegion: "us-east-1";
  logArchiveAccountId: string;
  centralBucketName: string;
  organizationTrailArn: string | null;
  /** Role names created in every account (moto does not enforce their trust policies). */
  roleNames: { readOnly: string; remediation: string };
  accounts: SimAccount[];
  buckets: SimBucket[];
  securityHubFindings: SimSecurityHubFinding[];
  /** Where the simulation knowingly differs from AWS, and how `expected` treats it. */
  notes: string[];
}
