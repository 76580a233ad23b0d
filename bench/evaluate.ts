// Benchmark: evaluate 10,000 synthetic account snapshots (target ≤ 2 s on a 2-core machine).
// Run: npx tsx bench/evaluate.ts [accounts]   (npm run bench:evaluate)
// Snapshots are varied the way an organization is: 1–3 trails (owned, organization, single-region),
// log groups with the fourteen CIS filters and alarms, some reformatted or edited patterns, missing
// alarms, unsubscribed topics, unreadable statuses, and buckets in other accounts. They are built
// before timing starts; only evaluateAccount is timed.
import type {
  AccountSnapshotState,
  AlarmState,
  BucketState,
  LogGroupState,
  MetricFilterState,
  TrailState,
} from "@/lib/collect/snapshot-types";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import { EVALUATOR_VERSION, evaluateAccount } from "@/lib/controls/evaluate-account";
import { PerformanceObserver } from "node:perf_hooks";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";

const ACCOUNTS = Number(process.argv[2] ?? 10_000);
const TARGET_MS = 2_000;
const MGMT = "999999999999";
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x7a11;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function accountId(i: number): string {
  return String(100000000000 + i);
}

function variantPattern(pattern: string, account: string): string {
  const roll = random();
  if (roll < 0.1) return pattern.replace(/([=&|])/g, " $1 ").replace(/\s+/g, " "); // reformatted, still equal
  if (roll < 0.13) return pattern.replace(/}$/, ` && ($.recipientAccountId != "${account}")}`); // extra term
  if (roll < 0.15) return pattern.replace(/ \|\| \(\$\.eventName=[A-Za-z]+\)/, ""); // a term dropped
  return pattern;
}

function makeLogGroup(arn: string, account: string, region: string): LogGroupState {
  const topic = `arn:aws:sns:${region}:${account}:security-alerts`;
  const filters: MetricFilterState[] = [];
  const alarms: AlarmState[] = [];
  for (const id of CLOUDWATCH_CONTROL_IDS) {
    const spec = CIS_METRIC_FILTERS[id];
    if (chance(0.03)) continue;
    filters.push({
      name: spec.metricName,
      pattern: variantPattern(spec.pattern, account),
      metricTransformations: [{ metricName: spec.metricName, metricNamespace: "CISBenchmark", metricValue: "1" }],
    });
    if (chance(0.04)) continue;
    alarms.push({
      name: `${spec.metricName}-alarm`,
      arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${spec.metricName}-alarm`,
      metricName: chance(0.02) ? `${spec.metricName}Count` : spec.metricName,
      namespace: "CISBenchmark",
      statistic: "Sum",
      period: 300,
      threshold: 1,
      actionsEnabled: !chance(0.01),
      alarmActions: [topic],
    });
  }
  return {
    arn,
    name: arn.split(":log-group:")[1]?.replace(/:\*$/, "") ?? "logs",
    accountId: account,
    region,
    readStatus: chance(0.01) ? "error" : "ok",
    metricFilters: filters,
    alarms,
    topics: [{ arn: topic, subscriptionCount: chance(0.05) ? 0 : 2 }],
  };
}

function makeTrail(name: string, owner: string, region: string, org: boolean): TrailState {
  return {
    arn: `arn:aws:cloudtrail:${region}:${owner}:trail/${name}`,
    name,
    homeRegion: region,
    ownerAccountId: owner,
    appliesVia: org ? "organization" : "owned",
    isOrganizationTrail: org,
    isMultiRegionTrail: org || chance(0.7),
    includeGlobalServiceEvents: true,
    s3BucketName: org ? "org-cloudtrail-archive" : `${name}-${owner}`,
    kmsKeyId: chance(0.8) ? `arn:aws:kms:${region}:${owner}:key/k-${name}` : undefined,
    logFileValidationEnabled: chance(0.85),
    cloudWatchLogsLogGroupArn: chance(0.85) ? `arn:aws:logs:${region}:${owner}:log-group:${name}-logs:*` : undefined,
    status: chance(0.02)
      ? null
      : { isLogging: chance(0.92), latestCloudWatchLogsDeliveryError: chance(0.02) ? "AccessDenied" : undefined },
    eventSelectors: pick([
      { basic: null, advanced: null },
      {
        basic: [
          { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [] },
        ],
        advanced: null,
      },
      {
        basic: [
          {
            readWriteType: "WriteOnly",
            includeManagementEvents: true,
            excludeManagementEventSources: [],
            dataResources: [],
          },
        ],
        advanced: null,
      },
      {
        basic: null,
        advanced: [
          { name: "Log all management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        ],
      },
    ] as const satisfies TrailState["eventSelectors"][]),
    insightSelectors: [],
    tags: chance(0.5) ? { owner: "security", "cost-center": "42" } : { owner: "platform" },
  };
}

function makeBucket(name: string, owner: string): BucketState {
  return {
    name,
    ownerAccountId: owner,
    readStatus: chance(0.01) ? "no_data" : "ok",
    publicAccessBlock: chance(0.9)
      ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }
      : { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
    policyIsPublic: chance(0.03),
    accessLogging: { enabled: chance(0.6), targetBucket: "access-logs" },
  };
}

function makeSnapshot(i: number): AccountSnapshotState {
  const account = accountId(i);
  const trails: TrailState[] = [];
  if (chance(0.7)) trails.push(makeTrail("org-trail", MGMT, "us-east-1", true));
  const owned = 1 + Math.floor(random() * 2) - (trails.length > 0 && chance(0.5) ? 1 : 0);
  for (let t = 0; t < Math.max(owned, trails.length === 0 ? 1 : 0); t += 1) {
    trails.push(makeTrail(`trail-${t}`, account, pick(REGIONS), false));
  }
  const buckets: Record<string, BucketState> = {};
  const logGroups: Record<string, LogGroupState> = {};
  for (const trail of trails) {
    if (trail.s3BucketName)
      buckets[trail.s3BucketName] = makeBucket(
        trail.s3BucketName,
        trail.isOrganizationTrail ? "222222222222" : account,
      );
    const arn = trail.cloudWatchLogsLogGroupArn;
    if (arn) logGroups[arn] = makeLogGroup(arn, trail.ownerAccountId, trail.homeRegion);
  }
  return {
    schemaVersion: 1,
    accountId: account,
    partition: "aws",
    collectedAt: "2026-11-02T08:00:00.000Z",
    regions: REGIONS.map((region) => ({ region, status: "enabled" as const })),
    trails,
    eventDataStores: chance(0.9)
      ? []
      : [{ arn: `arn:aws:cloudtrail:us-east-1:${account}:eventdatastore/eds`, name: "lake" }],
    buckets,
    logGroups,
    organization: { id: "o-bench", managementAccountId: MGMT },
    errors: [],
  };
}

const built = performance.now();
const snapshots = Array.from({ length: ACCOUNTS }, (_, i) => makeSnapshot(i));
const buildMs = performance.now() - built;
// Let the collector finish with the build's garbage so it is not billed to the evaluator.
await new Promise((resolve) => setTimeout(resolve, 250));

// GC time inside the timed window: the evaluator allocates short-lived strings and arrays while
// 10,000 snapshots stay live in the old generation, so GC is the figure to watch.
const gcEntries: { startTime: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcEntries.push({ startTime: entry.startTime, duration: entry.duration });
});
gcObserver.observe({ entryTypes: ["gc"] });

const counts = new Map<string, number>();
const cpuStart = process.cpuUsage();
const start = performance.now();
for (const snapshot of snapshots) {
  for (const verdict of evaluateAccount(snapshot, { requiredTagKeys: ["owner", "cost-center"] })) {
    counts.set(verdict.status, (counts.get(verdict.status) ?? 0) + 1);
  }
}
const end = performance.now();
const totalMs = end - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
await new Promise((resolve) => setTimeout(resolve, 50)); // the observer delivers asynchronously
gcObserver.disconnect();
const gcMs = gcEntries
  .filter((e) => e.startTime >= start && e.startTime <= end)
  .reduce((sum, e) => sum + e.duration, 0);
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(`evaluator ${EVALUATOR_VERSION}: ${ACCOUNTS} accounts (built in ${buildMs.toFixed(0)} ms)`);
console.log(
  `evaluated in ${totalMs.toFixed(0)} ms → ${Math.round((ACCOUNTS / totalMs) * 1000)} accounts/s (CPU ${cpuMs.toFixed(0)} ms, GC ${gcMs.toFixed(0)} ms)`,
);
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
console.log(`verdicts: ${[...counts].map(([status, n]) => `${status} ${n}`).join(", ")}`);
if (ACCOUNTS >= 10_000 && totalMs > TARGET_MS) {
  // On a shared machine wall time includes other processes' turns; CPU time is ours alone.
  const ours = cpuMs > TARGET_MS;
  console.error(
    `wall time over the ${TARGET_MS} ms target${ours ? " and so is CPU time" : " (CPU time within it: the machine is busy)"}`,
  );
  if (ours) process.exitCode = 1;
}
