// The planner works in two phases: it first decides what each resource needs (this module's
// shapes, filled from the snapshot by the plan-*-fixes modules), then emits the steps in a fixed
// dependency order (steps/ensure-*.ts). Keeping the decisions as data lets one KMS key, log group or
// bucket serve several trails without duplicate steps.
import type { BucketState, TrailState } from "@/lib/collect/snapshot-types";
import type { RemediationSettings } from "@/lib/remediate/remediation-settings";
import type { JsonObject, PlanIssue, StepChange } from "@/lib/remediate/plan/plan-types";
import type { TrailDelivery } from "@/lib/remediate/plan/policies/bucket-policy-statements";
import type { NameContext } from "@/lib/remediate/plan/resource-names";

export interface TrailNeed {
  name: string;
  arn: string;
  ownerAccountId: string;
  homeRegion: string;
  /** null: the trail is created by the plan. */
  current: TrailState | null;
  /** For a created trail: where it delivers. */
  bucket?: string;
  /** The region of the trail's KMS key when the plan sets one: its bucket's region (AWS requires it). */
  keyRegion?: string;
  /** Attributes of UpdateTrail (or CreateTrail) to set, with their current values for the diff. */
  set: Map<string, { from: JsonObject[string]; to: JsonObject[string]; controls: string[]; why: string }>;
  selectors?: { params: JsonObject; changes: StepChange[]; why: string };
  startLogging?: { why: string };
  addTags: Record<string, string>;
  tagControls: string[];
  /** Controls the trail's own steps contribute to (for CreateTrail). */
  controls: Set<string>;
  /** Created as the organization trail (only the organization fix does this). */
  organization?: boolean;
}

export interface KeyNeed {
  accountId: string;
  region: string;
  trailArns: string[];
  storeArns: string[];
  /** Bucket-owner accounts whose principals read the logs the key encrypts. */
  readerAccountIds: string[];
  controls: Set<string>;
}

export interface LogDeliveryNeed {
  accountId: string;
  region: string;
  groupName: string;
  groupArn: string;
  roleArn: string;
  controls: Set<string>;
}

export interface BucketNeed {
  name: string;
  accountId: string;
  region: string;
  /** Created by the plan (a per-account trail bucket). */
  create: boolean;
  /** Trails that will deliver to the bucket: their statements are merged into its policy. */
  deliveries: TrailDelivery[];
  blockPublicAccess: boolean;
  versioning: boolean;
  encryption: boolean;
  tlsOnly: boolean;
  lifecycle: boolean;
  /** Server access logging target (an access-log bucket of the same account and region). */
  accessLogTarget: string | null;
  controls: Set<string>;
  why: string[];
}

export interface AccessLogBucketNeed {
  name: string;
  accountId: string;
  region: string;
  /** The plan creates it (not seen as an existing target in the snapshot). */
  create: boolean;
  /** Buckets whose server access logs it receives (policy statements by source). */
  sources: { bucket: string; accountId: string }[];
}

export interface CisFilterNeed {
  controlId: string;
  filterName: string;
  pattern: string;
  metricName: string;
  namespace: string;
}

export interface CisAlarmNeed {
  controlId: string;
  alarmName: string;
  metricName: string;
  namespace: string;
  /** Why (the evaluator's reason for the failing chain). */
  reason: string;
}

export interface CisNeed {
  accountId: string;
  region: string;
  groupName: string;
  groupArn: string;
  topicArn: string;
  topicName: string;
  createTopic: boolean;
  subscribeEmail: string | null;
  filters: CisFilterNeed[];
  alarms: CisAlarmNeed[];
}

export interface StoreNeed {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  currentKey: string | null;
}

export interface PlanNeeds {
  trails: Map<string, TrailNeed>;
  keys: Map<string, KeyNeed>;
  logDelivery: Map<string, LogDeliveryNeed>;
  buckets: Map<string, BucketNeed>;
  accessLogBuckets: Map<string, AccessLogBucketNeed>;
  cis: CisNeed | null;
  stores: StoreNeed[];
  blockers: PlanIssue[];
  notes: PlanIssue[];
}

export interface PlanInputs {
  names: NameContext;
  /** The role remediation acts through (TRAILWARDEN_REMEDIATION_ROLE_NAME): named in the keys it creates. */
  remediationRoleName: string;
  settings: RemediationSettings;
  accountId: string;
  /** Buckets this account's snapshot does not show but another one does (the central bucket). */
  knownBuckets: Record<string, BucketState>;
}

export function emptyNeeds(): PlanNeeds {
  return {
    trails: new Map(),
    keys: new Map(),
    logDelivery: new Map(),
    buckets: new Map(),
    accessLogBuckets: new Map(),
    cis: null,
    stores: [],
    blockers: [],
    notes: [],
  };
}

export const accountRegionKey = (accountId: string, region: string) => `${accountId}/${region}`;

/** Registers (or extends) the KMS key need of an account and region; returns its alias ARN. */
export function needKey(
  needs: PlanNeeds,
  accountId: string,
  region: string,
  use: { trailArn?: string; storeArn?: string; readerAccountId?: string | null },
  control: string,
): void {
  const key = accountRegionKey(accountId, region);
  const need = needs.keys.get(key) ?? {
    accountId,
    region,
    trailArns: [],
    storeArns: [],
    readerAccountIds: [],
    controls: new Set<string>(),
  };
  if (use.trailArn && !need.trailArns.includes(use.trailArn)) need.trailArns.push(use.trailArn);
  const reader = use.readerAccountId;
  if (reader && reader !== accountId && !need.readerAccountIds.includes(reader)) need.readerAccountIds.push(reader);
  if (use.storeArn && !need.storeArns.includes(use.storeArn)) need.storeArns.push(use.storeArn);
  need.controls.add(control);
  needs.keys.set(key, need);
}
