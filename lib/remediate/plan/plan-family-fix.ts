// The planner: a pure function of one account's latest snapshot and the remediation settings.
// It evaluates the snapshot with the same evaluator the matrix uses, decides what each resource
// needs (trails, keys, log delivery, buckets, CIS alarms, Lake stores), and emits the steps in
// dependency order. Every step is an "ensure" derived from the difference between the snapshot
// and the end state, so a plan computed from a compliant snapshot is empty.
import type { AccountSnapshotState, BucketState } from "@/lib/collect/snapshot-types";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { buildEvaluationContext } from "@/lib/controls/evaluation-context";
import { findLogGroup } from "@/lib/controls/evidence";
import type { ControlVerdict } from "@/lib/controls/types";
import { planViolations } from "@/lib/remediate/plan/assert-safe-plan";
import { choosePrimaryTrail } from "@/lib/remediate/plan/choose-primary-trail";
import { planExistingBucketFixes } from "@/lib/remediate/plan/plan-bucket-fixes";
import { planCisFixes } from "@/lib/remediate/plan/plan-cis-fixes";
import { emptyNeeds, needKey, type PlanInputs, type PlanNeeds } from "@/lib/remediate/plan/plan-needs";
import { planNewTrail } from "@/lib/remediate/plan/plan-new-trail";
import { planPerTrailFixes, planPrimaryTrailFixes } from "@/lib/remediate/plan/plan-trail-fixes";
import { PLAN_SCHEMA_VERSION, type PlanStrategy, type RemediationPlan } from "@/lib/remediate/plan/plan-types";
import type { RemediationSettings } from "@/lib/remediate/remediation-settings";
import { arnParts, nameContext } from "@/lib/remediate/plan/resource-names";
import { emitSteps } from "@/lib/remediate/plan/emit-steps";
import { summarizePlan } from "@/lib/remediate/plan/summarize-plan";

export interface PlanRequest {
  state: AccountSnapshotState;
  snapshotId: string | null;
  settings: RemediationSettings;
  /** The central bucket as another account's snapshot shows it (when this one does not). */
  knownBuckets?: Record<string, BucketState>;
  /** TRAILWARDEN_REMEDIATION_ROLE_NAME: the role named in the key policies the plan writes. */
  remediationRoleName?: string;
}

export const DEFAULT_REMEDIATION_ROLE_NAME = "TrailwardenRemediation";

const SETTLED = new Set(["PASSED", "NOT_APPLICABLE"]);

function planStores(needs: PlanNeeds, state: AccountSnapshotState): void {
  for (const store of state.eventDataStores ?? []) {
    const customer = store.kmsKeyId && !/(^|:)alias\/aws\//.test(store.kmsKeyId);
    if (customer) continue;
    const { accountId, region } = arnParts(store.arn);
    needKey(needs, accountId, region, { storeArn: store.arn }, "CloudTrail.10");
    needs.stores.push({ arn: store.arn, name: store.name, accountId, region, currentKey: store.kmsKeyId ?? null });
  }
}

function decide(
  request: PlanRequest,
  verdicts: ControlVerdict[],
  inputs: PlanInputs,
): { needs: PlanNeeds; strategy: PlanStrategy } {
  const { state, settings } = request;
  const needs = emptyNeeds();
  const ctx = buildEvaluationContext(state, { requiredTagKeys: settings.requiredTagKeys });
  const failed = new Set(verdicts.filter((v) => v.status === "FAILED").map((v) => v.controlId as string));
  const strategy: PlanStrategy = {
    kind: "none",
    trailArn: null,
    trailName: null,
    ownerAccountId: null,
    homeRegion: null,
    summary: "no trail-level change is needed",
  };
  if (ctx.incompleteReason) {
    needs.blockers.push({
      code: "trail-list-unreadable",
      message: `cannot plan: ${ctx.incompleteReason}; re-collect the account first`,
      controls: [],
    });
    return { needs, strategy };
  }
  const needsPrimary =
    ["CloudTrail.1", "CloudTrail.3"].some((c) => failed.has(c)) || [...failed].some((c) => c.startsWith("CloudWatch."));
  let cisGroupArn: string | undefined;
  if (needsPrimary) {
    const choice = choosePrimaryTrail(ctx, inputs.names, settings.homeRegion);
    if (choice.kind === "blocked") {
      needs.blockers.push({ code: "trail-limit", message: choice.reason, controls: ["CloudTrail.1", "CloudTrail.3"] });
    } else if (choice.kind === "create-trail") {
      const created = planNewTrail(ctx, needs, inputs, choice);
      Object.assign(strategy, {
        kind: choice.kind,
        trailArn: created.arn,
        trailName: created.name,
        ownerAccountId: created.ownerAccountId,
        homeRegion: created.homeRegion,
        summary: choice.summary,
      });
      cisGroupArn = created.set.get("CloudWatchLogsLogGroupArn")?.to as string | undefined;
    } else {
      planPrimaryTrailFixes(needs, choice);
      const t = choice.facts.trail;
      Object.assign(strategy, {
        kind: choice.kind,
        trailArn: t.arn,
        trailName: t.name,
        ownerAccountId: t.ownerAccountId,
        homeRegion: t.homeRegion,
        summary: choice.summary,
      });
    }
  }
  for (const facts of ctx.trails) planPerTrailFixes(ctx, needs, inputs, facts);
  if (strategy.trailArn && !cisGroupArn) {
    const primary = ctx.trails.find((f) => f.trail.arn === strategy.trailArn)?.trail;
    cisGroupArn =
      primary?.cloudWatchLogsLogGroupArn ??
      (needs.trails.get(strategy.trailArn)?.set.get("CloudWatchLogsLogGroupArn")?.to as string | undefined);
  }
  planExistingBucketFixes(ctx, needs, inputs);
  const failingCis = new Set([...failed].filter((c) => c.startsWith("CloudWatch.")));
  if (failingCis.size > 0 && cisGroupArn) {
    planCisFixes(needs, inputs, { groupArn: cisGroupArn, group: findLogGroup(state, cisGroupArn) }, failingCis);
  }
  if (failed.has("CloudTrail.10")) planStores(needs, state);
  return { needs, strategy };
}

export function planFamilyFix(request: PlanRequest): RemediationPlan {
  const { state, settings } = request;
  const inputs: PlanInputs = {
    names: nameContext(state, settings),
    remediationRoleName: request.remediationRoleName ?? DEFAULT_REMEDIATION_ROLE_NAME,
    settings,
    accountId: state.accountId,
    knownBuckets: request.knownBuckets ?? {},
  };
  const verdicts = evaluateAccount(state, { requiredTagKeys: settings.requiredTagKeys });
  const failingBefore = verdicts
    .filter((v) => !SETTLED.has(v.status))
    .map((v) => ({ controlId: v.controlId as string, status: v.status as string, reason: v.reason }));
  const { needs, strategy } = decide(request, verdicts, inputs);
  for (const v of verdicts) {
    if (v.status === "ERROR")
      needs.notes.push({
        code: "not-evaluated",
        message: `${v.controlId} could not be evaluated (${v.reason}); re-collect to plan it`,
        controls: [v.controlId],
      });
    if (v.status === "NO_DATA")
      needs.notes.push({ code: "no-data", message: `${v.controlId}: ${v.reason}`, controls: [v.controlId] });
    if (v.status === "WARNING")
      needs.notes.push({ code: "warning", message: `${v.controlId} holds with a warning: ${v.reason}`, controls: [] });
  }
  const steps = emitSteps(inputs, needs);
  const trails = new Map(state.trails.map((t) => [t.arn, t]));
  for (const violation of planViolations(steps, trails)) {
    needs.blockers.push({ code: "unsafe-step", message: violation, controls: [] });
  }
  const blocked = needs.blockers.length > 0;
  const remaining = new Set(needs.notes.flatMap((n) => n.controls));
  const expectedToPass = blocked
    ? []
    : failingBefore
        .filter(
          (f) =>
            f.status === "FAILED" && !remaining.has(f.controlId) && steps.some((s) => s.controls.includes(f.controlId)),
        )
        .map((f) => f.controlId);
  const plan: RemediationPlan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    accountId: state.accountId,
    snapshotId: request.snapshotId,
    collectedAt: state.collectedAt,
    status: blocked ? "blocked" : steps.length === 0 ? "empty" : "ready",
    summary: "",
    strategy,
    failingBefore,
    expectedToPass,
    steps,
    blockers: needs.blockers,
    notes: needs.notes,
    settings,
  };
  plan.summary = summarizePlan(plan);
  return plan;
}
