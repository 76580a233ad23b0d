// Deterministic, varied account profiles for the page benchmark and the read-model tests: the
// trail states users meet (docs/controls.md), in realistic proportions, spread over OUs.

export type SelectorKind = "all-basic" | "all-advanced" | "default" | "write-only" | "split-read-write";

export interface OwnTrailProfile {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  logging: boolean;
  selectors: SelectorKind;
  validation: boolean;
  kms: boolean;
  cloudWatchLogs: boolean;
  /** CloudWatch Logs delivery error reported by GetTrailStatus (CloudTrail.5 WARNING). */
  deliveryError: boolean;
  /** How many CIS filters+alarms exist on its log group (0–14). */
  cisCovered: number;
  bucket: string;
  bucketLogging: boolean;
  bucketPublic: boolean;
  /** Bucket owned outside the organization: its settings cannot be read (NO_DATA). */
  bucketOutsideOrg: boolean;
  ownerTag: boolean;
}

export interface AccountProfile {
  id: string;
  name: string;
  ouPath: string;
  status: "ACTIVE" | "SUSPENDED";
  isManagement: boolean;
  /** The organization trail (healthy, CIS alarms) is credited to this account. */
  orgTrail: boolean;
  ownTrail: OwnTrailProfile | null;
  /** Lake event data store: none, with a customer-managed key, or with AWS's key. */
  eventDataStore: "none" | "cmk" | "aws-owned";
  /** Outcome of the latest collection. */
  collection: "ok" | "partial" | "error" | "never";
  securityHub: "on" | "off";
  /** Week (0 = a year ago, 52 = now) from which fixed problems stopped failing. */
  fixedWeek: number;
  /** Which controls were fixed at fixedWeek (failing before it). */
  fixedControls: "cloudwatch" | "trail-hardening" | "none";
}

/** mulberry32: small, fast and deterministic, so two seeds of the same size are identical. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) {
    if ((r -= w) < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const TEAMS = [
  "payments",
  "checkout",
  "search",
  "identity",
  "data",
  "ml",
  "platform",
  "web",
  "mobile",
  "billing",
  "analytics",
  "ledger",
  "catalog",
  "notify",
  "risk",
];
const OUS: [string, number][] = [
  ["Root/Infrastructure", 8],
  ["Root/Workloads", 5],
  ["Root/Workloads/Prod", 35],
  ["Root/Workloads/Dev", 30],
  ["Root/Sandbox", 20],
];
const REGIONS = ["us-east-1", "us-east-1", "us-east-1", "eu-west-1", "eu-central-1", "us-west-2", "ap-southeast-2"];

export const MANAGEMENT_ID = "200000000000";
export const LOG_ARCHIVE_ID = "200001000003";
export const CENTRAL_BUCKET = "acme-org-cloudtrail-logs";

export function accountIdAt(i: number): string {
  return String(200_000_000_000 + i * 1_000_003);
}

function envOf(ou: string): string {
  if (ou.endsWith("Prod")) return "prod";
  if (ou.endsWith("Dev")) return "dev";
  if (ou.endsWith("Sandbox")) return "sbx";
  if (ou.endsWith("Infrastructure")) return "infra";
  return "shared";
}

function ownTrail(random: () => number, accountName: string, kind: string): OwnTrailProfile {
  const healthy: OwnTrailProfile = {
    name: `${accountName}-trail`,
    homeRegion: REGIONS[Math.floor(random() * REGIONS.length)]!,
    multiRegion: true,
    logging: true,
    selectors: random() < 0.5 ? "all-basic" : random() < 0.5 ? "all-advanced" : "default",
    validation: true,
    kms: true,
    cloudWatchLogs: true,
    deliveryError: false,
    cisCovered: 14,
    bucket: random() < 0.6 ? CENTRAL_BUCKET : `${accountName}-cloudtrail`,
    bucketLogging: true,
    bucketPublic: false,
    bucketOutsideOrg: false,
    ownerTag: random() < 0.8,
  };
  switch (kind) {
    case "no-kms":
      return { ...healthy, kms: false };
    case "write-only":
      return { ...healthy, selectors: "write-only" };
    case "split":
      return { ...healthy, selectors: "split-read-write" };
    case "stopped":
      return { ...healthy, logging: false };
    case "single-region":
      return { ...healthy, multiRegion: false };
    case "no-validation":
      return { ...healthy, validation: false, kms: random() < 0.5 };
    case "no-cloudwatch":
      return { ...healthy, cloudWatchLogs: false, cisCovered: 0 };
    case "cis-partial":
      return { ...healthy, cisCovered: 5 + Math.floor(random() * 8) };
    case "delivery-error":
      return { ...healthy, deliveryError: true };
    case "unlogged-bucket":
      return { ...healthy, bucket: `${accountName}-cloudtrail`, bucketLogging: false };
    case "public-bucket":
      return { ...healthy, bucket: `${accountName}-cloudtrail`, bucketPublic: true, bucketLogging: false };
    case "outside-bucket":
      return { ...healthy, bucket: `partner-audit-${accountName}`, bucketOutsideOrg: true };
    default:
      return healthy;
  }
}

export function buildProfiles(n: number, seed = 42): AccountProfile[] {
  const random = rng(seed);
  const profiles: AccountProfile[] = [];
  const base = (i: number, name: string, ouPath: string): AccountProfile => ({
    id: accountIdAt(i),
    name,
    ouPath,
    status: "ACTIVE",
    isManagement: false,
    orgTrail: true,
    ownTrail: null,
    eventDataStore: "none",
    collection: "ok",
    securityHub: "on",
    fixedWeek: 0,
    fixedControls: "none",
  });
  profiles.push({ ...base(0, "management", "Root"), isManagement: true, eventDataStore: "cmk" });
  if (n > 1) profiles.push(base(1, "log-archive", "Root/Security"));
  if (n > 2) profiles.push({ ...base(2, "security-tooling", "Root/Security"), eventDataStore: "aws-owned" });
  for (let i = profiles.length; i < n; i++) {
    const ouPath = pick(random, OUS);
    const team = TEAMS[Math.floor(random() * TEAMS.length)]!;
    const name = `${team}-${envOf(ouPath)}-${String(i).padStart(4, "0")}`;
    const p = base(i, name, ouPath);
    // Most members sit under the organization trail; the rest stand on their own trails, which is
    // where the account-level controls fail.
    p.orgTrail = random() < 0.62;
    const kind = pick(random, [
      ["none", p.orgTrail ? 45 : 0],
      ["healthy", 22],
      ["no-kms", 10],
      ["write-only", 6],
      ["split", 3],
      ["stopped", 4],
      ["single-region", 4],
      ["no-validation", 6],
      ["no-cloudwatch", 9],
      ["cis-partial", 6],
      ["delivery-error", 3],
      ["unlogged-bucket", 6],
      ["public-bucket", 1],
      ["outside-bucket", 3],
      ["no-trail", p.orgTrail ? 0 : 4],
    ]);
    p.ownTrail = kind === "none" || kind === "no-trail" ? null : ownTrail(random, name, kind);
    p.eventDataStore = pick(random, [
      ["none", 90],
      ["cmk", 6],
      ["aws-owned", 4],
    ]);
    p.collection = pick(random, [
      ["ok", 90],
      ["partial", 5],
      ["error", 4],
      ["never", 1],
    ]);
    p.securityHub = random() < 0.9 ? "on" : "off";
    p.status = random() < 0.01 ? "SUSPENDED" : "ACTIVE";
    p.fixedControls = pick(random, [
      ["none", 40],
      ["cloudwatch", 35],
      ["trail-hardening", 25],
    ]);
    p.fixedWeek = Math.floor(random() * 52);
    profiles.push(p);
  }
  return profiles;
}
