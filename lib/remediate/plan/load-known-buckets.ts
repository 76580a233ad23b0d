// Buckets the planner needs to know but the planned account's own snapshot may not show: the
// central bucket (another account owns it), and the buckets the account's trails deliver to (a
// trail's KMS key must be created in its bucket's region, and readers in the bucket owner's
// account are given decrypt). Each is taken from the newest snapshot that read it.
import "server-only";
import type { AccountSnapshotState, BucketState } from "@/lib/collect/snapshot-types";
import { db } from "@/lib/db";
import type { RemediationSettings } from "@/lib/remediate/remediation-settings";

/** The bucket as the newest snapshot that read it shows it (a central bucket is read with the trails using it). */
export async function latestBucketState(name: string): Promise<BucketState | undefined> {
  const rows = await db.$queryRaw<{ bucket: BucketState }[]>`
    SELECT state->'buckets'->${name} AS bucket FROM snapshots
    WHERE jsonb_exists(state->'buckets', ${name}) AND state->'buckets'->${name} ? 'region'
    ORDER BY collected_at DESC LIMIT 1`;
  return rows[0]?.bucket;
}

export async function loadKnownBuckets(
  state: AccountSnapshotState,
  settings: RemediationSettings,
): Promise<Record<string, BucketState>> {
  const wanted = new Set(state.trails.map((t) => t.s3BucketName).filter((b): b is string => Boolean(b)));
  if (settings.bucket.mode === "central") wanted.add(settings.bucket.name);
  const known: Record<string, BucketState> = {};
  for (const name of wanted) {
    if (state.buckets[name]?.region) continue;
    const found = await latestBucketState(name);
    if (found) known[name] = found;
  }
  return known;
}
