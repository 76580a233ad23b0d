// The demo organization, declared as data: one member account per state users meet, each trail
// otherwise healthy so that exactly one thing is wrong with it. seed-organization.ts creates this
// through the AWS APIs; expected-verdicts.ts derives the verdicts from the same declaration.
import type { SelectorSeed } from "@/sim/manifest";

/** cis-all: the 14 CIS filters + alarms + subscribed topic; cis-partial: see create-cis-alarms.ts. */
export type CloudWatchSeed = "none" | "logs-only" | "cis-all" | "cis-partial";
/** own: a hardened bucket in the trail's account; central: the log-archive bucket. */
export type BucketSeed = "own" | "own-no-access-logging" | "central";

export interface TrailSpec {
  name: string;
  multiRegion: boolean;
  logging: boolean;
  selectors: SelectorSeed;
  dataEvents?: boolean;
  logFileValidation: boolean;
  kms: boolean;
  cloudWatch: CloudWatchSeed;
  bucket: BucketSeed;
  tags?: Record<string, string>;
}

export interface AccountSpec {
  name: string;
  ouPath: string;
  state: string;
  description: string;
  tags: Record<string, string>;
  trails: TrailSpec[];
}

export const ORG_OU_PATHS = [
  "Root/Security",
  "Root/Infrastructure",
  "Root/Workloads",
  "Root/Workloads/Prod",
  "Root/Workloads/Dev",
  "Root/Sandbox",
] as const;

export function accountEmail(name: string): string {
  return `aws+${name}@acme-corp.example`;
}

/** A trail with nothing wrong except what `overrides` says. */
function trail(name: string, overrides: Partial<TrailSpec> = {}): TrailSpec {
  return {
    name,
    multiRegion: true,
    logging: true,
    selectors: "basic: ReadWriteType=All",
    logFileValidation: true,
    kms: true,
    cloudWatch: "logs-only",
    bucket: "central",
    ...overrides,
  };
}

export const ORGANIZATION_TRAIL: TrailSpec = trail("org-trail", {
  cloudWatch: "cis-all",
  tags: { Owner: "platform-security", DataClassification: "audit" },
});

/** moto's default account; Organizations names it "master" (moto offers no way to rename it). */
export const MANAGEMENT_ACCOUNT = {
  state: "organization-trail-owner",
  description: "Management account: owns the organization trail (to the log-archive bucket) and its CIS alarms",
  tags: { Environment: "management", Owner: "platform-security" },
} as const;

const prod = { Environment: "prod" };
const dev = { Environment: "dev" };

export const MEMBER_ACCOUNTS: readonly AccountSpec[] = [
  {
    name: "log-archive",
    ouPath: "Root/Security",
    state: "log-archive",
    tags: { Environment: "security", Owner: "platform-security" },
    trails: [],
    description:
      "Central log-archive bucket (access-logged, public access blocked) that the organization trail and several member trails deliver to; no trail of its own",
  },
  {
    name: "security-tooling",
    ouPath: "Root/Security",
    state: "security-hub-admin",
    tags: { Environment: "security", Owner: "platform-security" },
    trails: [],
    description:
      "Delegated Security Hub administrator holding the consolidated CloudTrail/CloudWatch control findings; no trail of its own",
  },
  {
    name: "payments-prod",
    ouPath: "Root/Workloads/Prod",
    state: "fully-compliant",
    tags: { ...prod, Owner: "payments" },
    description:
      "Own trail with everything: multi-region, logging, read+write management events, validation, KMS with rotation, CloudWatch Logs with all 14 CIS alarms, hardened access-logged bucket",
    trails: [
      trail("payments-prod-trail", {
        bucket: "own",
        cloudWatch: "cis-all",
        tags: { Owner: "payments", CostCenter: "cc-1042" },
      }),
    ],
  },
  {
    name: "orders-prod",
    ouPath: "Root/Workloads/Prod",
    state: "partial-cis-alarms",
    tags: { ...prod, Owner: "orders" },
    description:
      "Good trail to the central bucket whose log group has only some CIS alarms: CloudWatch.1–5 complete, " +
      "CloudWatch.6 pattern has an extra term, CloudWatch.7 alarm's topic has no subscription, CloudWatch.8 " +
      "has no alarm",
    trails: [trail("orders-prod-trail", { cloudWatch: "cis-partial" })],
  },
  {
    name: "identity-prod",
    ouPath: "Root/Workloads/Prod",
    state: "advanced-selectors",
    tags: { ...prod, Owner: "identity" },
    description:
      "Advanced event selectors: eventCategory=Management with no readOnly field (all management events) plus an S3 data-event selector",
    trails: [trail("identity-prod-trail", { selectors: "advanced: eventCategory=Management", dataEvents: true })],
  },
  {
    name: "data-platform-prod",
    ouPath: "Root/Workloads/Prod",
    state: "no-log-file-validation",
    tags: { ...prod, Owner: "data" },
    description: "Trail without log file validation",
    trails: [trail("data-platform-trail", { logFileValidation: false, tags: { Owner: "data" } })],
  },
  {
    name: "payments-dev",
    ouPath: "Root/Workloads/Dev",
    state: "single-region-trail",
    tags: { ...dev, Owner: "payments" },
    description: "Only a single-region trail (us-east-1), to its own bucket",
    trails: [trail("payments-dev-trail", { multiRegion: false, bucket: "own" })],
  },
  {
    name: "orders-dev",
    ouPath: "Root/Workloads/Dev",
    state: "write-only-selectors",
    tags: { ...dev, Owner: "orders" },
    description: "Multi-region trail whose basic event selector is ReadWriteType=WriteOnly",
    trails: [trail("orders-dev-trail", { selectors: "basic: ReadWriteType=WriteOnly" })],
  },
  {
    name: "analytics-dev",
    ouPath: "Root/Workloads/Dev",
    state: "logging-stopped",
    tags: { ...dev, Owner: "data" },
    description: "Multi-region trail whose logging was stopped (StopLogging after StartLogging)",
    trails: [trail("analytics-dev-trail", { logging: false, bucket: "own" })],
  },
  {
    name: "ml-dev",
    ouPath: "Root/Workloads/Dev",
    state: "advanced-selectors-write-only",
    tags: { ...dev, Owner: "data" },
    description: "Advanced event selector eventCategory=Management with readOnly=false (write events only)",
    trails: [trail("ml-dev-trail", { selectors: "advanced: eventCategory=Management, readOnly=false" })],
  },
  {
    name: "shared-services",
    ouPath: "Root/Infrastructure",
    state: "no-cloudwatch-logs",
    tags: { Environment: "shared", Owner: "platform" },
    description: "Trail without CloudWatch Logs delivery",
    trails: [trail("shared-services-trail", { cloudWatch: "none", tags: { Owner: "platform" } })],
  },
  {
    name: "network-hub",
    ouPath: "Root/Infrastructure",
    state: "default-selectors-unset",
    tags: { Environment: "shared", Owner: "network" },
    description:
      "Trail whose event selectors were never set (AWS's default: all management events; moto returns empty lists)",
    trails: [trail("network-hub-trail", { selectors: "default (unset)" })],
  },
  {
    name: "sandbox-alice",
    ouPath: "Root/Sandbox",
    state: "no-trail",
    tags: { Environment: "sandbox", Owner: "alice" },
    description: "No trail at all",
    trails: [],
  },
  {
    name: "sandbox-bob",
    ouPath: "Root/Sandbox",
    state: "no-kms",
    tags: { Environment: "sandbox", Owner: "bob" },
    description: "Trail without KMS encryption, to its own bucket",
    trails: [trail("sandbox-bob-trail", { kms: false, bucket: "own" })],
  },
  {
    name: "sandbox-legacy",
    ouPath: "Root/Sandbox",
    state: "bucket-without-access-logging",
    tags: { Environment: "sandbox", Owner: "platform" },
    description: "Trail whose own bucket has no server access logging",
    trails: [trail("legacy-trail", { bucket: "own-no-access-logging" })],
  },
];
