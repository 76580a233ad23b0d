// CloudWatch.1–14 (docs/controls.md, "CIS metric filter and alarm"). The chain starts at a
// multi-region trail that covers the account: it must be logging and record all management events
// (the CIS audit's "active multi-region trail"), or its log group sees nothing worth alarming on.
// The organization trail counts for members: its log group and alarms are read in the management
// account and credited, which Security Hub does not do (it says NO_DATA); the reason says so.
import type { CloudWatchControlId, ControlVerdict } from "@/lib/controls/types";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { describeAccessError, describeFailedCall, describeServiceError } from "@/lib/controls/collection-errors";
import { bareLogGroupArn, findLogGroup, logGroupName, uniqueEvidence } from "@/lib/controls/evidence";
import {
  loggingOf,
  managementOf,
  notLoggingPhrase,
  type EvaluationContext,
  type TrailFacts,
} from "@/lib/controls/evaluation-context";
import {
  judgeMetricFilterChain,
  pickBest,
  type ChainOutcome,
  type StagedOutcome,
} from "@/lib/controls/judge-metric-filter-chain";
import { indexLogGroup, type LogGroupIndex } from "@/lib/controls/log-group-index";

type CandidateOutcome = StagedOutcome<ChainOutcome["status"] | "NO_DATA" | "WARNING">;

/**
 * A multi-region trail and, when readable, the index of its log group. Everything that does not
 * depend on the control is worked out once here, not fourteen times.
 */
interface Candidate {
  facts: TrailFacts;
  /** The same outcome for every control: the trail or its log group rules the chain out. */
  blocked?: CandidateOutcome;
  /** Set when the trail's status or selectors are unknown, so a complete chain is still ERROR. */
  unknownPhrase?: string;
  index?: LogGroupIndex;
  groupLabel: string;
  /** Trail and log group ARNs, the head of every chain's evidence. */
  evidence: string[];
}

/** A stopped trail, or one not recording all management events, feeds no alarm worth crediting. */
function trailCriteria(ctx: EvaluationContext, facts: TrailFacts): Pick<Candidate, "blocked" | "unknownPhrase"> {
  const logging = loggingOf(facts);
  const management = managementOf(facts);
  const problems = [
    logging === false ? notLoggingPhrase(facts) : undefined,
    management === false ? facts.management.summary : undefined,
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    const reason = `${facts.label} ${problems.join(" and ")}, so no CIS metric filter on its log group can be relied on`;
    return { blocked: { status: "FAILED", stage: 0, reason, evidence: [facts.trail.arn] } };
  }
  if (logging === "unknown") {
    const call = describeFailedCall(ctx.state, "GetTrailStatus", [facts.trail.arn, facts.trail.name]);
    return { unknownPhrase: `has a status that could not be read (${call})` };
  }
  return management === "unknown" ? { unknownPhrase: facts.management.summary } : {};
}

function prepare(ctx: EvaluationContext, facts: TrailFacts): Candidate {
  const { trail, label } = facts;
  const criteria = trailCriteria(ctx, facts);
  if (criteria.blocked) return { facts, groupLabel: "", evidence: [], blocked: criteria.blocked };
  const unknownPhrase = criteria.unknownPhrase;
  const arn = trail.cloudWatchLogsLogGroupArn;
  if (!arn) {
    const reason = `${label} does not deliver to CloudWatch Logs`;
    return {
      facts,
      groupLabel: "",
      evidence: [],
      blocked: { status: "FAILED", stage: 1, reason, evidence: [trail.arn] },
    };
  }
  const group = findLogGroup(ctx.state, arn);
  // The organization trail's label already names the management account; repeat only a third one.
  const elsewhere =
    group?.accountId && group.accountId !== ctx.state.accountId && group.accountId !== trail.ownerAccountId;
  const owner = elsewhere ? ` in account ${group.accountId}` : "";
  const groupLabel = `log group \`${logGroupName(arn)}\`${owner} of ${label}`;
  const evidence = [trail.arn, bareLogGroupArn(arn)];
  if (!group)
    return {
      facts,
      groupLabel,
      evidence,
      blocked: { status: "ERROR", stage: 2, reason: `${groupLabel} was not collected`, evidence },
    };
  if (group.readStatus === "no_data") {
    const reason = `${groupLabel} could not be read: ${group.reason ?? "it is owned outside the organization"}`;
    return { facts, groupLabel, evidence, blocked: { status: "NO_DATA", stage: 2, reason, evidence } };
  }
  if (group.readStatus === "error") {
    const call =
      describeServiceError(
        ctx.state,
        ["logs", "cloudwatch", "sns"],
        [group.arn, bareLogGroupArn(group.arn), group.name],
      ) ??
      describeAccessError(ctx.state, group.accountId) ??
      group.reason ??
      "a CloudWatch call failed";
    const reason = `${groupLabel} could not be read (${call})`;
    return { facts, groupLabel, evidence, blocked: { status: "ERROR", stage: 2, reason, evidence } };
  }
  return { facts, groupLabel, evidence, unknownPhrase, index: indexLogGroup(group) };
}

function judgeCandidate(candidate: Candidate, controlId: CloudWatchControlId): CandidateOutcome {
  const { facts } = candidate;
  if (candidate.blocked) return candidate.blocked;
  if (!candidate.index)
    return {
      status: "ERROR",
      stage: 2,
      reason: `${candidate.groupLabel} was not collected`,
      evidence: [facts.trail.arn],
    };
  const chain = judgeMetricFilterChain(candidate.index, controlId, candidate.groupLabel);
  const evidence = [...candidate.evidence, ...chain.evidence];
  if (chain.status !== "PASSED") return { ...chain, evidence };
  if (candidate.unknownPhrase) {
    return {
      status: "ERROR",
      stage: 6,
      reason: `${chain.reason}, but ${facts.label} ${candidate.unknownPhrase}`,
      evidence,
    };
  }
  const credit = facts.creditedFromOrganization
    ? `; credited from the organization trail, whose log group and alarms live in management account ${facts.trail.ownerAccountId}`
    : "";
  const deliveryError = facts.trail.status?.latestCloudWatchLogsDeliveryError;
  if (deliveryError) {
    const reason = `${chain.reason}${credit}; but CloudTrail reports CloudWatch Logs delivery error "${deliveryError}", so the alarm may never fire`;
    return { status: "WARNING", stage: 7, reason, evidence };
  }
  return { status: "PASSED", stage: 7, reason: `${chain.reason}${credit}`, evidence };
}

const RANK: Record<CandidateOutcome["status"], number> = { PASSED: 4, WARNING: 3, ERROR: 2, NO_DATA: 1, FAILED: 0 };

function better(a: CandidateOutcome | undefined, b: CandidateOutcome): CandidateOutcome {
  if (!a) return b;
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] > RANK[b.status] ? a : b;
  return a.status === "FAILED" ? pickBest(a, b) : a;
}

function noCandidate(ctx: EvaluationContext, controlId: CloudWatchControlId): ControlVerdict {
  if (ctx.incompleteReason)
    return { controlId, status: "ERROR", reason: `cannot tell: ${ctx.incompleteReason}`, evidence: [] };
  if (ctx.trails.length === 0) {
    return {
      controlId,
      status: "FAILED",
      reason: "no trail applies to this account, so no CloudTrail log group carries CIS metric filters",
      evidence: [],
    };
  }
  const singles = ctx.trails.map((t) => t.label).join(", ");
  return {
    controlId,
    status: "FAILED",
    reason: `no applicable trail is multi-region (${singles} ${ctx.trails.length === 1 ? "is" : "are"} single-region); CIS metric filters must watch a multi-region trail's log group`,
    evidence: ctx.trails.map((t) => t.trail.arn),
  };
}

export function evaluateCloudWatch(ctx: EvaluationContext): ControlVerdict[] {
  const candidates = ctx.trails.filter((t) => t.trail.isMultiRegionTrail).map((facts) => prepare(ctx, facts));
  return CLOUDWATCH_CONTROL_IDS.map((controlId): ControlVerdict => {
    if (candidates.length === 0) return noCandidate(ctx, controlId);
    let best: CandidateOutcome | undefined;
    for (const candidate of candidates) {
      best = better(best, judgeCandidate(candidate, controlId));
      if (best.status === "PASSED") break;
    }
    const chosen = best ?? { status: "FAILED", stage: 0, reason: "no candidate trail", evidence: [] };
    const evidence = uniqueEvidence(chosen.evidence);
    if (ctx.incompleteReason && chosen.status !== "PASSED" && chosen.status !== "WARNING") {
      return { controlId, status: "ERROR", reason: `cannot tell: ${ctx.incompleteReason}; ${chosen.reason}`, evidence };
    }
    return { controlId, status: chosen.status, reason: chosen.reason, evidence };
  });
}
