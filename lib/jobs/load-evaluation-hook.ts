// The evaluator's hook for collections run by the worker and the CLI: after each snapshot is
// stored, `evaluateAndStore(snapshotId)` (lib/controls/store-results.ts) computes and stores its
// verdicts. Imported lazily so that a collection module loaded for another purpose (the web app
// asking for progress) does not load the evaluator.
import type { StoredSnapshot } from "@/lib/collect/store-snapshot";

export type SnapshotHook = (snapshot: StoredSnapshot) => Promise<void>;

export async function loadEvaluationHook(): Promise<SnapshotHook> {
  const { evaluateAndStore } = await import("@/lib/controls/store-results");
  return async (snapshot) => {
    await evaluateAndStore(snapshot.id);
  };
}
