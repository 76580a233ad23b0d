// The newest snapshot of an account that holds AWS state (a snapshot whose collection failed
// outright has none), for the trails table and the raw-response viewer. Shared per request.
import "server-only";
import { cache } from "react";
import { findLatestSnapshot, snapshotRaw } from "@/lib/collect/latest-snapshot";
import { redactStoredRaw } from "@/lib/collect/redact-evidence";
import type { AccountSnapshotState, CollectionError } from "@/lib/collect/snapshot-types";

export interface AccountSnapshot {
  id: string;
  collectedAt: string;
  status: string;
  state: AccountSnapshotState;
  raw: Record<string, unknown>;
  errors: CollectionError[];
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export const getAccountSnapshot = cache(async (accountId: string): Promise<AccountSnapshot | null> => {
  const snap = await findLatestSnapshot(accountId, { holdingState: true });
  if (!snap) return null;
  return {
    id: snap.id,
    collectedAt: snap.collectedAt.toISOString(),
    status: snap.status,
    state: snap.state,
    // Snapshots stored before endpoints were redacted at collection still hold them.
    raw: redactStoredRaw(asObject(await snapshotRaw(snap.id))),
    errors: snap.errors,
  };
});
