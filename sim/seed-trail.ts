// Everything one declared trail needs, created in its owning account: its bucket (unless it
// delivers to the central log-archive bucket), KMS key, CloudWatch Logs delivery, CIS alarms,
// and the trail itself.
import type { SimClients } from "@/sim/aws-env";
import { cloudTrailBucketPolicy } from "@/sim/bucket-policies";
import { createCisAlarms } from "@/sim/create-cis-alarms";
import { createLogDelivery } from "@/sim/create-log-delivery";
import { createTrail } from "@/sim/create-trail";
import { createAccessLogBucket, createTrailBucket, trailBucketName } from "@/sim/create-trail-bucket";
import { createTrailKey } from "@/sim/create-trail-key";
import type { TrailSpec } from "@/sim/demo-accounts";
import type { SimBucket, SimTrail } from "@/sim/manifest";

export interface CentralBucket {
  name: string;
  ownerAccountId: string;
}

export interface SeededTrail {
  trail: SimTrail;
  /** Buckets created for this trail (none when it delivers to the central bucket). */
  buckets: SimBucket[];
}

export async function seedTrail(
  clients: SimClients,
  spec: TrailSpec,
  ctx: {
    central: CentralBucket;
    isOrganizationTrail?: boolean;
    /** Use this key (e.g. a central one in another account) instead of creating one per account. */
    sharedKmsKeyArn?: string;
  },
): Promise<SeededTrail> {
  const accountId = clients.accountId;
  const buckets: SimBucket[] = [];
  let bucket: CentralBucket = ctx.central;
  if (spec.bucket !== "central") {
    const accessLogBucket = spec.bucket === "own" ? await createAccessLogBucket(clients.s3, accountId) : null;
    const name = trailBucketName(accountId);
    buckets.push(
      await createTrailBucket(clients.s3, {
        name,
        ownerAccountId: accountId,
        policy: cloudTrailBucketPolicy(name, { accountIds: [accountId] }),
        accessLogBucket,
        tags: { Purpose: "cloudtrail" },
      }),
    );
    bucket = { name, ownerAccountId: accountId };
  }

  const kmsKeyArn = spec.kms ? (ctx.sharedKmsKeyArn ?? (await createTrailKey(clients.kms, accountId))) : null;
  const logDelivery = spec.cloudWatch === "none" ? null : await createLogDelivery(clients, accountId, spec.name);
  let cisControlsCovered: string[] = [];
  if (logDelivery && (spec.cloudWatch === "cis-all" || spec.cloudWatch === "cis-partial")) {
    cisControlsCovered = await createCisAlarms(
      clients,
      logDelivery.logGroupName,
      spec.cloudWatch === "cis-all" ? "all" : "partial",
    );
  }

  const trail = await createTrail(clients.cloudtrail, spec, {
    accountId,
    bucketName: bucket.name,
    bucketOwnerAccountId: bucket.ownerAccountId,
    kmsKeyArn,
    logDelivery,
    cisControlsCovered,
    isOrganizationTrail: ctx.isOrganizationTrail,
  });
  return { trail, buckets };
}
