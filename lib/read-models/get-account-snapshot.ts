// The newest snapshot of an account that holds AWS state (a snapshot whose collection failed
// outright has none), for the trails table and the raw-response viewer. Shared per request.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { redactStoredRaw } from "@/lib/collect/redact-evidence";
import type { AccountSnapshotState, CollectionError } from "@/lib/collect/snapshot-types";
import { readSnapshotErrors, readSnapshotState } from "@/lib/collect/snapshot-json";

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
  const snap = await db.snapshot.findFirst({
    where: { accountId, status: { in: ["ok", "partial"] } },
    orderBy: { collectedAt: "desc" },
    select: { id: true, collectedAt: true, status: true, state: true, raw: true, errors: true },
  });
  if (!snap) return null;
  return {
    id: snap.id,
    collectedAt: snap.collectedAt.toISOString(),
    status: snap.status,
    // Written by the collector against lib/collect/snapshot-types.ts; read as that contract.
    state: readSnapshotState(snap),
    // Snapshots stored before endpoints were redacted at collection still hold them.
    raw: redactStoredRaw(asObject(snap.raw)),
    errors: readSnapshotErrors(snap),
  };
});
