// The data shape of a remediation plan (remediation plans are data: docs/architecture.md). A plan is
// computed from one snapshot and the settings, shown to the user as a diff, stored as JSON on the
// RemediationJob, hashed (planHash) and executed step by step. Every step names the exact AWS call
// (service, SDK command name without "Command", account, region, input).
import type { PlanOverrides, RemediationSettings } from "@/lib/remediate/remediation-settings";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const STEP_SERVICES = [
  "s3",
  "kms",
  "logs",
  "iam",
  "cloudtrail",
  "cloudwatch",
  "sns",
  "organizations",
  "config",
] as const;
export type StepService = (typeof STEP_SERVICES)[number];

/**
 * How the executor applies `params`:
 * - `create`: describe first, create only what is missing (an existing resource is success);
 * - `update`: set the listed attributes (idempotent call);
 * - `merge`: read the current document at apply time and add the statements/selectors/rules of
 *   `params` by their id (Sid, rule ID, selector); nothing existing is removed. The stored step
 *   output records the document that was finally written.
 */
export type StepAction = "create" | "update" | "merge";

/** One line of the diff: what the attribute is now and what the step makes it. */
export interface StepChange {
  attribute: string;
  from: JsonValue;
  to: JsonValue;
}

export interface PlanStep {
  /** Stable identity within a plan, e.g. `cloudtrail.UpdateTrail:arn:aws:cloudtrail:...`. */
  key: string;
  title: string;
  /** Why the step is needed, in terms of the failing control. */
  why: string;
  /** The controls the step contributes to. */
  controls: string[];
  service: StepService;
  /** SDK command name without the `Command` suffix, e.g. `UpdateTrail`. */
  operation: string;
  region: string;
  /** The account the call is made in (through the remediation role). */
  targetAccountId: string;
  /** ARN (or name) of the resource the step creates or changes. */
  resource: string;
  action: StepAction;
  changes: StepChange[];
  /** The exact API input (for `merge` steps: the items merged into the current document). */
  params: JsonObject;
  /** A step of the organization fix (the only plan that may create an organization trail). */
  organization?: true;
}

export interface PlanIssue {
  code: string;
  message: string;
  controls: string[];
}

export type PlanStrategyKind =
  | "none" // CloudTrail.1/.3 and CloudWatch.* already hold: no trail-level change needed
  | "organization-trail" // the organization trail covers the account: fix it in the management account
  | "reuse-trail" // update an existing multi-region trail of the account
  | "convert-trail" // make an existing single-region trail multi-region
  | "create-trail"; // the account has no reusable trail: create one

export interface PlanStrategy {
  kind: PlanStrategyKind;
  trailArn: string | null;
  trailName: string | null;
  ownerAccountId: string | null;
  homeRegion: string | null;
  summary: string;
}

export type PlanStatus = "empty" | "ready" | "blocked";

/** "account": the family fix of one account; "organization": the organization trail and the guardrail. */
export type PlanScope = "account" | "organization";

/** What the organization plan found and decided (shown beside its steps). */
export interface OrganizationPlanInfo {
  organizationId: string;
  managementAccountId: string;
  /** The account that owns the organization trail (the management account or CloudTrail's delegated administrator). */
  adminAccountId: string;
  rootId: string;
  trail: { arn: string; name: string; homeRegion: string; adopted: boolean; bucket: string | null };
  guardrail: {
    policyName: string;
    /** null: the plan creates it. */
    policyId: string | null;
    content: string;
    targets: { id: string; attached: boolean; policies: number }[];
    scpTypeEnabled: boolean;
  };
  /** Members' own trails that log management events a second time (information only). */
  duplicates: { accountId: string; accountName: string | null; trailArn: string; homeRegion: string }[];
  /** Accounts whose latest snapshot was used to list duplicates (and how many could not be read). */
  accountsChecked: number;
  /** The optional AWS Config rule (multi-region-cloudtrail-enabled); absent when the option is off. */
  configRule?: {
    name: string;
    region: string;
    /** true: an organization Config rule already runs the managed rule (adopted as it is). */
    exists: boolean;
    /** AWS's deployment status of the existing rule (CREATE_SUCCESSFUL, CREATE_FAILED …). */
    status: string | null;
    trustedAccess: boolean;
    /** Accounts where AWS Config could not deploy it. */
    failedAccounts: string[];
  };
}

export const PLAN_SCHEMA_VERSION = 1;

export interface RemediationPlan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  accountId: string;
  snapshotId: string | null;
  collectedAt: string;
  /** empty: nothing to do; ready: steps to apply; blocked: a blocker forbids applying anything. */
  status: PlanStatus;
  summary: string;
  strategy: PlanStrategy;
  /** Family controls not PASSED/NOT_APPLICABLE in the snapshot, with the evaluator's reason. */
  failingBefore: { controlId: string; status: string; reason: string }[];
  /** Controls the steps are expected to bring to PASSED. */
  expectedToPass: string[];
  steps: PlanStep[];
  /** Why the plan cannot be applied (safety rules, limits, unreadable state). */
  blockers: PlanIssue[];
  /** What the plan leaves to a person (and the controls that will stay failing because of it). */
  notes: PlanIssue[];
  settings: RemediationSettings;
  /** What the requester answered for this plan (the alarm destination), over the stored settings. */
  overrides?: PlanOverrides;
  /** Absent: "account". */
  scope?: PlanScope;
  organization?: OrganizationPlanInfo;
}
