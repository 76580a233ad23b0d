// Verification after an apply: re-collect the account with the collector, evaluate the new snapshot
// with the same evaluator the matrix uses, and re-plan. The job ends "logging, validated, alarming"
// only when every family control passes (NOT_APPLICABLE counts; NO_DATA and WARNING are listed as
// caveats); "needs attention" when what still fails is a person's action (person-actions.ts), each
// spelled out; otherwise "still failing", with the evaluator's reason for each failing control.
import "server-only";
import { getEnv } from "@/lib/config/env";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { loadRemediationSettings } from "@/lib/remediate/load-remediation-settings";
import { NEEDS_ATTENTION, VERIFIED } from "@/lib/remediate/verify/job-outcome";
import { loadKnownBuckets } from "@/lib/remediate/plan/load-known-buckets";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import { splitPersonActions } from "@/lib/remediate/verify/person-actions";
import { withOverrides, type PlanOverrides } from "@/lib/remediate/remediation-settings";
import type { Verification, VerifiedControl } from "@/lib/remediate/verify/verification-types";
import { findLatestSnapshot } from "@/lib/collect/latest-snapshot";

export { NEEDS_ATTENTION, VERIFIED };
export type { Verification, VerifiedControl };

const SECURITY_HUB_NOTE =
  "Security Hub re-evaluates every 12–24 hours: its own findings catch up later (shown as awaiting re-evaluation)";
const SKIPPED_RETRIES = 6;

async function recollect(accountId: string, requestedBy: string, log: (line: string) => void): Promise<string> {
  const { runCollection } = await import("@/lib/collect/run-collection");
  const hook = await loadEvaluationHook();
  for (let attempt = 0; ; attempt++) {
    const summary = await runCollection({
      accountIds: [accountId],
      trigger: "remediation",
      requestedBy,
      onSnapshotStored: hook,
      log,
    });
    const status = summary.accounts.find((a) => a.accountId === accountId)?.status ?? summary.status;
    // "skipped": another run holds the account right now; its snapshot would predate the fix.
    if (status !== "skipped" || attempt >= SKIPPED_RETRIES) return status;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

export async function verifyFix(
  accountId: string,
  requestedBy: string,
  log: (line: string) => void = () => undefined,
  overrides?: PlanOverrides,
): Promise<Verification> {
  const checkedAt = new Date();
  const collection = await recollect(accountId, requestedBy, log);
  const snapshot = await findLatestSnapshot(accountId);
  const empty = {
    checkedAt: checkedAt.toISOString(),
    passing: [],
    failing: [],
    caveats: [],
    replan: null,
    note: SECURITY_HUB_NOTE,
  };
  if (!snapshot || collection === "error" || collection === "skipped") {
    return {
      ...empty,
      outcome: "not verified",
      snapshotId: snapshot?.id ?? null,
      collectedAt: snapshot?.collectedAt.toISOString() ?? null,
      collection,
      failing: [
        { controlId: "collection", status: "ERROR", reason: `re-collecting the account ended "${collection}"` },
      ],
      actions: [
        {
          controls: [],
          action: `Re-collecting the account ended "${collection}": run a collection of account ${accountId} once it can be read, and check the verdicts`,
        },
      ],
    };
  }
  const { state } = snapshot;
  const settings = withOverrides(await loadRemediationSettings(), overrides);
  const verdicts = evaluateAccount(state, { requiredTagKeys: settings.requiredTagKeys });
  const pick = (statuses: string[]) =>
    verdicts
      .filter((v) => statuses.includes(v.status))
      .map((v) => ({ controlId: v.controlId as string, status: v.status as string, reason: v.reason }));
  const failing = pick(["FAILED", "ERROR"]);
  const replan = planFamilyFix({
    state,
    snapshotId: snapshot.id,
    settings,
    knownBuckets: await loadKnownBuckets(state, settings),
    remediationRoleName: getEnv().TRAILWARDEN_REMEDIATION_ROLE_NAME,
  });
  const split = splitPersonActions(
    verdicts.filter((v) => v.status === "FAILED" || v.status === "ERROR"),
    replan.notes,
  );
  return {
    ...empty,
    outcome: failing.length === 0 ? VERIFIED : split.unexplained.length === 0 ? NEEDS_ATTENTION : "still failing",
    actions: split.actions,
    snapshotId: snapshot.id,
    collectedAt: snapshot.collectedAt.toISOString(),
    collection,
    passing: verdicts.filter((v) => v.status === "PASSED" || v.status === "NOT_APPLICABLE").map((v) => v.controlId),
    failing,
    caveats: pick(["WARNING", "NO_DATA"]),
    replan: { status: replan.status, steps: replan.steps.length, summary: replan.summary },
  };
}
