// The evaluator's hook for collections run by the worker and the CLI: after each snapshot is
// stored, `evaluateAndStore(snapshotId)` (lib/controls/store-results.ts) computes and stores its
// verdicts, then `evaluateAlerts` (lib/alerts/evaluate-alerts.ts) opens or closes alerts. Imported lazily so that a collection module loaded for another purpose (the web app
// asking for progress) does not load the evaluator.
import type { StoredSnapshot } from "@/lib/collect/store-snapshot";

export type SnapshotHook = (snapshot: StoredSnapshot) => Promise<void>;

export async function loadEvaluationHook(): Promise<SnapshotHook> {
  const [{ evaluateAndStore }, { evaluateAlerts }] = await Promise.all([
    import("@/lib/controls/store-results"),
    import("@/lib/alerts/evaluate-alerts"),
  ]);
  return async (snapshot) => {
    const evaluation = await evaluateAndStore(snapshot.id);
    await evaluateAlerts(snapshot, evaluation.verdicts);
  };
}
