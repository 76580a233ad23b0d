// The demo's delivered record: a year of hourly signed digests (and log files) in the simulated
// trail buckets, telling the story an auditor should see on the first run. payments-prod stopped
// logging for three days last spring; orders-prod switched log file validation on last summer (log
// files before, digests after); sandbox-bob has one digest rewritten after delivery; the
// organization trail delivers identity-prod's record to the log-archive account's bucket. Written
// in the background after the demo starts (moto takes some minutes for ~40,000 objects), then the
// keys are registered with the proxy and an evidence read is queued. Log files are written where the
// story needs them (orders-prod before validation); the other digests list none, as quiet hours do,
// which keeps the demo's ~35,000 objects to a few minutes of moto's time.
import { GetBucketPolicyCommand, PutBucketPolicyCommand, type S3Client } from "@aws-sdk/client-s3";
import { accountClients, SIM_REGION } from "@/sim/aws-env";
import type { SimManifest, SimTrail } from "@/sim/manifest";
import { SimKeyring } from "@/sim/signing-keys";
import { writeTrailRecord, type TrailRecordSpec } from "@/sim/write-trail-record";

const HOUR = 3_600_000;

export interface DemoRecordPlan {
  accountName: string;
  trail: SimTrail;
  spec: Omit<TrailRecordSpec, "bucket" | "accountId" | "region" | "trailName" | "homeRegion" | "from" | "to">;
}

/** Dates relative to `now`: "last spring" and "last summer" are the most recent ones before it. */
export function demoRecordPlans(manifest: SimManifest, now: Date): DemoRecordPlan[] {
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const at = (m: number, d: number, h: number) => new Date(Date.UTC(year, m - 1, d, h));
  const account = (name: string) => manifest.accounts.find((a) => a.name === name);
  const own = (name: string) => account(name)?.trails[0];
  const orgTrail = manifest.accounts.flatMap((a) => a.trails).find((t) => t.isOrganizationTrail);
  const plans: (DemoRecordPlan | null)[] = [
    own("payments-prod")
      ? {
          accountName: "payments-prod",
          trail: own("payments-prod")!,
          spec: { stops: [{ from: at(4, 14, 9), to: at(4, 17, 15) }], logFilesPerHour: 0 },
        }
      : null,
    own("orders-prod")
      ? { accountName: "orders-prod", trail: own("orders-prod")!, spec: { validationFrom: at(7, 15, 10) } }
      : null,
    own("sandbox-bob")
      ? {
          accountName: "sandbox-bob",
          trail: own("sandbox-bob")!,
          spec: { tamperAt: [at(9, 3, 7)], logFilesPerHour: 0 },
        }
      : null,
    orgTrail && account("identity-prod")
      ? {
          accountName: "identity-prod",
          trail: orgTrail,
          spec: { organizationId: manifest.organizationId, logFilesPerHour: 0 },
        }
      : null,
  ];
  return plans.filter((p): p is DemoRecordPlan => p !== null);
}

/** Writes to `endpoint` (moto itself is quickest); the public keys go to the proxy at `proxyEndpoint`. */
/**
 * moto evaluates bucket-policy conditions without the request's context, so the usual
 * aws:SecureTransport deny refuses every object request to the emulator (plain HTTP). The buckets
 * holding the demo's record leave that one statement out (see sim/moto-gaps.ts).
 */
async function allowObjectRequests(s3: S3Client, bucket: string): Promise<void> {
  const current = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket })).catch(() => null);
  if (!current?.Policy) return;
  const policy = JSON.parse(current.Policy) as { Statement: { Sid?: string }[] };
  const kept = policy.Statement.filter((st) => st.Sid !== "DenyInsecureTransport");
  if (kept.length === policy.Statement.length) return;
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ ...policy, Statement: kept }) }));
}

export async function seedDemoRecord(
  endpoint: string,
  proxyEndpoint: string,
  manifest: SimManifest,
  opts: { now?: Date; days?: number; log?: (line: string) => void } = {},
): Promise<{ digests: number; logFiles: number }> {
  const now = opts.now ?? new Date();
  const to = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR);
  const from = new Date(to.getTime() - (opts.days ?? 366) * 24 * HOUR);
  const keys = new SimKeyring(new Date(from.getTime() - 30 * 24 * HOUR));
  keys.keyAt(SIM_REGION, from);
  // CloudTrail rotates its signing keys; the demo's chain crosses one rotation.
  keys.rotate(SIM_REGION, new Date(from.getTime() + 180 * 24 * HOUR));
  let digests = 0;
  let logFiles = 0;
  for (const plan of demoRecordPlans(manifest, now)) {
    const member = manifest.accounts.find((a) => a.name === plan.accountName)!;
    const clients = await accountClients(endpoint, plan.trail.bucketOwnerAccountId);
    try {
      await allowObjectRequests(clients.s3, plan.trail.bucketName);
      const written = await writeTrailRecord(clients.s3, keys, {
        bucket: plan.trail.bucketName,
        accountId: member.accountId,
        region: SIM_REGION,
        trailName: plan.trail.name,
        homeRegion: plan.trail.homeRegion,
        from,
        to,
        ...plan.spec,
      });
      digests += written.digestKeys.length;
      logFiles += written.logFileKeys.length;
      opts.log?.(
        `record for ${plan.accountName}: ${written.digestKeys.length} digests, ${written.logFileKeys.length} log files in s3://${plan.trail.bucketName}`,
      );
    } finally {
      clients.destroy();
    }
  }
  await keys.register(proxyEndpoint);
  return { digests, logFiles };
}
