// Batches of accounts with ids derived from their parent (a watch round, a collection run) and
// their index, so a parent job retried after its worker died sends the same batch ids again and
// pg-boss keeps one of each. Used by the collector's run planner and the watch round planner.
import { createHash } from "node:crypto";

export interface PlannedBatch {
  id: string;
  index: number;
  accountIds: string[];
}

/** A UUID derived from a name (same name, same id). */
export function derivedUuid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function splitBatches(roundId: string, accountIds: string[], size: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  for (let i = 0; i * size < accountIds.length; i++)
    batches.push({
      id: derivedUuid(`${roundId}:${i}`),
      index: i,
      accountIds: accountIds.slice(i * size, (i + 1) * size),
    });
  return batches;
}
