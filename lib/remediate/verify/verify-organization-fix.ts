// Verification after the organization fix: re-collect every account, then check with the same
// evaluator the matrix uses that each one passes CloudTrail.1 and .3 (members through the
// organization trail), judge the CIS alarm chains on the organization trail's log group, and
// re-plan the organization fix, which reads the guardrail back from AWS Organizations
// (ListPoliciesForTarget, DescribePolicy): a re-plan with trail or guardrail steps left means the
// fix did not hold; so does the optional AWS Config rule, read back from AWS Config, whose accounts
// without a configuration recorder are a person's action. What only a person can do (confirm the alarm subscription, give an alarm
// destination, check an account that could not be read) is spelled out as actions.
import "server-only";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { findLogGroup } from "@/lib/controls/evidence";
import { judgeMetricFilterChain } from "@/lib/controls/judge-metric-filter-chain";
import { indexLogGroup } from "@/lib/controls/log-group-index";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";
import { NEEDS_ATTENTION, VERIFIED } from "@/lib/remediate/verify/job-outcome";
import { computeOrganizationPlan } from "@/lib/remediate/plan/organization/compute-organization-plan";
import { splitPersonActions, type FailingVerdict } from "@/lib/remediate/verify/person-actions";
import type { PlanStep } from "@/lib/remediate/plan/plan-types";
import { CONFIG_MULTI_ACCOUNT_PRINCIPAL } from "@/lib/remediate/plan/organization/config-rule";
import { CONFIG_RULE_CONTROL } from "@/lib/remediate/plan/organization/plan-config-rule";
import type { PlanOverrides } from "@/lib/remediate/remediation-settings";
import type { Verification } from "@/lib/remediate/verify/verify-fix";
import { latestAccountStates } from "@/lib/collect/latest-snapshot";

const NOTE =
  "Security Hub re-evaluates every 12–24 hours: its own findings catch up later. The guardrail was read back from AWS Organizations";

/** The optional AWS Config rule's steps (its trusted access is an Organizations call). */
const isConfigRuleStep = (s: PlanStep) =>
  s.service === "config" || (s.operation === "EnableAWSServiceAccess" && s.resource === CONFIG_MULTI_ACCOUNT_PRINCIPAL);

const isAlarmStep = (s: PlanStep) =>
  s.service === "cloudwatch" || s.service === "sns" || s.operation === "PutMetricFilter";

async function latestStates(): Promise<{ state: AccountSnapshotState; name: string }[]> {
  return latestAccountStates();
}

export async function verifyOrganizationFix(
  accountId: string,
  requestedBy: string,
  log: (line: string) => void = () => undefined,
  overrides?: PlanOverrides,
): Promise<Verification> {
  const checkedAt = new Date().toISOString();
  const { runCollection } = await import("@/lib/collect/run-collection");
  const summary = await runCollection({
    trigger: "remediation",
    requestedBy,
    onSnapshotStored: await loadEvaluationHook(),
    log,
  });
  const base = { checkedAt, caveats: [], note: NOTE, collection: summary.status };
  if (summary.status === "error") {
    return {
      ...base,
      outcome: "not verified",
      snapshotId: null,
      collectedAt: null,
      passing: [],
      failing: [{ controlId: "collection", status: "ERROR", reason: "re-collecting the organization failed" }],
      actions: [
        { controls: [], action: "Re-collecting the organization failed: run a collection and check the verdicts" },
      ],
      replan: null,
    };
  }
  const states = await latestStates();
  const admin = states.find((s) => s.state.accountId === accountId);
  const failing: FailingVerdict[] = [];
  let passingAccounts = 0;
  for (const { state, name } of states) {
    const verdicts = evaluateAccount(state, { requiredTagKeys: [] }).filter(
      (v) => v.controlId === "CloudTrail.1" || v.controlId === "CloudTrail.3",
    );
    const bad = verdicts.filter((v) => v.status !== "PASSED");
    if (bad.length === 0) passingAccounts += 1;
    for (const v of bad)
      failing.push({ ...v, controlId: v.controlId, reason: `account ${name} (${state.accountId}): ${v.reason}` });
  }

  const { plan: replan } = await computeOrganizationPlan({ user: requestedBy, overrides });
  const left = replan.steps.filter((s) => !isAlarmStep(s));
  const configLeft = left.filter(isConfigRuleStep);
  const guardrailLeft = left.filter((s) => s.service === "organizations" && !isConfigRuleStep(s));
  const trailLeft = left.filter((s) => s.service !== "organizations" && !isConfigRuleStep(s));
  if (trailLeft.length > 0)
    failing.push({
      controlId: "organization-trail",
      status: "FAILED",
      reason: `the organization trail still needs: ${trailLeft.map((s) => s.title).join("; ")}`,
    });
  if (guardrailLeft.length > 0)
    failing.push({
      controlId: "guardrail",
      status: "FAILED",
      reason: `the guardrail read back from AWS Organizations still needs: ${guardrailLeft.map((s) => s.title).join("; ")}`,
    });
  if (configLeft.length > 0)
    failing.push({
      controlId: CONFIG_RULE_CONTROL,
      status: "FAILED",
      reason: `the AWS Config rule read back from AWS Config still needs: ${configLeft.map((s) => s.title).join("; ")}`,
    });
  // Deployed, but not in every account (no configuration recorder there): the re-plan's note says
  // what a person must do, which makes this a person's action rather than a failed fix.
  const rule = replan.organization?.configRule;
  if (rule && configLeft.length === 0 && rule.failedAccounts.length > 0)
    failing.push({
      controlId: CONFIG_RULE_CONTROL,
      status: "FAILED",
      reason: `AWS Config could not deploy ${rule.name} in ${rule.failedAccounts.join(", ")}`,
    });
  for (const blocker of replan.blockers)
    failing.push({ controlId: "organization-plan", status: "FAILED", reason: blocker.message });

  const trail = admin?.state.trails.find((t) => t.arn === replan.organization?.trail.arn);
  const groupArn = trail?.cloudWatchLogsLogGroupArn;
  const group = admin && groupArn ? findLogGroup(admin.state, groupArn) : undefined;
  if (group && group.readStatus === "ok") {
    const index = indexLogGroup(group);
    for (const id of CLOUDWATCH_CONTROL_IDS) {
      const chain = judgeMetricFilterChain(index, id, `log group \`${group.name}\` of the organization trail`);
      if (chain.status !== "PASSED")
        failing.push({
          controlId: id,
          status: chain.status,
          reason: chain.reason,
          evidence: chain.evidence.filter((e): e is string => Boolean(e)),
        });
    }
  }
  const split = splitPersonActions(failing, replan.notes);
  return {
    ...base,
    outcome: failing.length === 0 ? VERIFIED : split.unexplained.length === 0 ? NEEDS_ATTENTION : "still failing",
    snapshotId: null,
    collectedAt: admin?.state.collectedAt ?? null,
    passing: [
      ...(failing.some((f) => f.controlId === "CloudTrail.1") ? [] : ["CloudTrail.1"]),
      ...(failing.some((f) => f.controlId === "CloudTrail.3") ? [] : ["CloudTrail.3"]),
      ...(guardrailLeft.length === 0 ? ["guardrail"] : []),
      ...(rule && !failing.some((f) => f.controlId === CONFIG_RULE_CONTROL) ? [CONFIG_RULE_CONTROL] : []),
    ],
    failing: failing.map((f) => ({ controlId: f.controlId, status: f.status, reason: f.reason })),
    actions: split.actions,
    replan: {
      status: replan.status,
      steps: replan.steps.length,
      summary: `${passingAccounts} of ${states.length} accounts pass CloudTrail.1 and .3; ${replan.summary}`,
    },
  };
}
