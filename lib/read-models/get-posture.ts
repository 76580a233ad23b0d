// The current matrix: for every known account, the verdicts computed from its latest snapshot
// (the newest evaluation of it), in the `posture` JSON shape (documented in the OpenAPI document as Posture).
import "server-only";
import { db } from "@/lib/db";
import { latestSnapshots } from "@/lib/read-models/latest-snapshots";
import type { CollectionStatus, VerdictStatus } from "@/lib/statuses";

export type { VerdictStatus };

export interface PostureControl {
  controlId: string;
  status: VerdictStatus;
  reason: string;
  evidence: string[];
  securityHub: { status: string | null; workflowStatus: string | null; updatedAt: string | null } | null;
  reconciliation: string | null;
  /** For ERROR verdicts: the last good verdict, shown as stale. */
  stale: { status: string; reason: string | null; at: string | null } | null;
}

export interface PostureAccount {
  accountId: string;
  name: string;
  ouPath: string;
  accountStatus: string;
  collectedAt: string | null;
  collection: { status: CollectionStatus; error: string | null } | null;
  controls: PostureControl[];
}

export interface Posture {
  generatedAt: string;
  accounts: PostureAccount[];
}

export async function getPosture(options: { accountIds?: string[] } = {}): Promise<Posture> {
  const accounts = await db.awsAccount.findMany({
    where: options.accountIds ? { id: { in: options.accountIds } } : undefined,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, ouPath: true, status: true },
  });
  // The same "newest snapshot per account" the dashboard reads (lib/read-models/latest-snapshots.ts).
  const latest = new Map(
    (await latestSnapshots(accounts.map((a) => a.id)))
      .filter((s) => s.latestId && s.latestAt && s.latestStatus)
      .map((s) => [
        s.accountId,
        { id: s.latestId!, collectedAt: s.latestAt!, status: s.latestStatus!, error: s.latestError },
      ]),
  );
  const snapshotIds = [...latest.values()].map((s) => s.id);
  const results = snapshotIds.length
    ? await db.$queryRaw<
        {
          snapshot_id: string;
          control_id: string;
          status: VerdictStatus;
          reason: string;
          evidence: string[];
          security_hub: { status?: string; workflowStatus?: string; updatedAt?: string } | null;
          reconciliation: string | null;
          stale_status: string | null;
          stale_reason: string | null;
          stale_at: Date | null;
        }[]
      >`
        SELECT DISTINCT ON (snapshot_id, control_id)
          snapshot_id, control_id, status, reason, evidence, security_hub, reconciliation, stale_status, stale_reason, stale_at
        FROM control_results WHERE snapshot_id = ANY(${snapshotIds}::uuid[])
        ORDER BY snapshot_id, control_id, evaluated_at DESC`
    : [];
  const bySnapshot = new Map<string, PostureControl[]>();
  for (const r of results) {
    const list = bySnapshot.get(r.snapshot_id) ?? [];
    list.push({
      controlId: r.control_id,
      status: r.status,
      reason: r.reason,
      evidence: r.evidence,
      securityHub: r.security_hub
        ? {
            status: r.security_hub.status ?? null,
            workflowStatus: r.security_hub.workflowStatus ?? null,
            updatedAt: r.security_hub.updatedAt ?? null,
          }
        : null,
      reconciliation: r.reconciliation,
      stale: r.stale_status
        ? { status: r.stale_status, reason: r.stale_reason, at: r.stale_at?.toISOString() ?? null }
        : null,
    });
    bySnapshot.set(r.snapshot_id, list);
  }
  const order = await controlOrder();
  return {
    generatedAt: new Date().toISOString(),
    accounts: accounts.map((a) => {
      const snap = latest.get(a.id);
      const controls = (snap ? (bySnapshot.get(snap.id) ?? []) : []).sort(
        (x, y) => order(x.controlId) - order(y.controlId),
      );
      return {
        accountId: a.id,
        name: a.name,
        ouPath: a.ouPath,
        accountStatus: a.status,
        collectedAt: snap?.collectedAt.toISOString() ?? null,
        collection: snap ? { status: snap.status, error: snap.error } : null,
        controls,
      };
    }),
  };
}

async function controlOrder(): Promise<(id: string) => number> {
  const { CONTROL_IDS } = await import("@/lib/controls/catalogue");
  const index = new Map<string, number>(CONTROL_IDS.map((id: string, i: number) => [id, i]));
  return (id) => index.get(id) ?? 999;
}
