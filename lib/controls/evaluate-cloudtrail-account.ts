// The two account-level CloudTrail controls: CloudTrail.1 (some applicable trail is multi-region,
// logging, and records all read and write management events) and CloudTrail.3 (some applicable
// trail is logging). "Some trail" is an OR over trails of three-valued criteria: one certain pass
// passes; otherwise an unreadable trail makes the verdict ERROR, never a guessed PASSED or FAILED.
import type { ControlVerdict } from "@/lib/controls/types";
import { describeFailedCall } from "@/lib/controls/collection-errors";
import {
  loggingOf,
  managementOf,
  notLoggingPhrase,
  type EvaluationContext,
  type TrailFacts,
  type Tri,
} from "@/lib/controls/evaluation-context";

const NO_TRAIL = "no trail applies to this account (it owns none and no organization trail covers it)";
const MAX_NAMED = 3;

interface TrailJudgement {
  facts: TrailFacts;
  result: Tri;
  /** Clauses explaining a false or unknown result. */
  problems: string[];
}

function statusUnreadable(ctx: EvaluationContext, facts: TrailFacts): string {
  return `has a status that could not be read (${describeFailedCall(ctx.state, "GetTrailStatus", [facts.trail.arn, facts.trail.name])})`;
}

function combine(values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes("unknown") ? "unknown" : true;
}

function listTrails(judgements: TrailJudgement[]): string {
  const named = judgements.slice(0, MAX_NAMED).map((j) => `${j.facts.label} ${j.problems.join(", ")}`);
  const more = judgements.length - named.length;
  return more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
}

/** Shared OR-over-trails rollup with the right status for unknowns and an incomplete list. */
function rollup(
  ctx: EvaluationContext,
  controlId: ControlVerdict["controlId"],
  judgements: TrailJudgement[],
  passed: (j: TrailJudgement) => string,
  failedHeadline: string,
): ControlVerdict {
  const pass = judgements.find((j) => j.result === true);
  if (pass) return { controlId, status: "PASSED", reason: passed(pass), evidence: [pass.facts.trail.arn] };
  const evidence = judgements.map((j) => j.facts.trail.arn);
  if (judgements.length === 0) {
    return ctx.incompleteReason
      ? { controlId, status: "ERROR", reason: `cannot tell: ${ctx.incompleteReason}`, evidence }
      : { controlId, status: "FAILED", reason: NO_TRAIL, evidence };
  }
  const unknown = judgements.filter((j) => j.result === "unknown");
  if (unknown.length > 0 || ctx.incompleteReason) {
    const why = [ctx.incompleteReason, unknown.length > 0 ? listTrails(unknown) : undefined].filter(Boolean).join("; ");
    const failed = judgements.filter((j) => j.result === false);
    const rest = failed.length > 0 ? `; ${listTrails(failed)}` : "";
    return {
      controlId,
      status: "ERROR",
      reason: `cannot confirm ${failedHeadline.replace(/^no /, "any ")}: ${why}${rest}`,
      evidence,
    };
  }
  return { controlId, status: "FAILED", reason: `${failedHeadline}: ${listTrails(judgements)}`, evidence };
}

export function evaluateCloudTrail1(ctx: EvaluationContext): ControlVerdict {
  const judgements = ctx.trails.map((facts): TrailJudgement => {
    const logging = loggingOf(facts);
    const management = managementOf(facts);
    const problems: string[] = [];
    if (!facts.trail.isMultiRegionTrail) problems.push("is single-region");
    if (logging === false) problems.push(notLoggingPhrase(facts));
    if (logging === "unknown") problems.push(statusUnreadable(ctx, facts));
    if (management !== true) problems.push(facts.management.summary);
    return { facts, result: combine([facts.trail.isMultiRegionTrail, logging, management]), problems };
  });
  return rollup(
    ctx,
    "CloudTrail.1",
    judgements,
    (j) => `${j.facts.label} is multi-region, logging, and ${j.facts.management.summary}`,
    "no applicable trail is multi-region, logging, and recording all read and write management events",
  );
}

export function evaluateCloudTrail3(ctx: EvaluationContext): ControlVerdict {
  const judgements = ctx.trails.map((facts): TrailJudgement => {
    const logging = loggingOf(facts);
    const problems =
      logging === false ? [notLoggingPhrase(facts)] : logging === "unknown" ? [statusUnreadable(ctx, facts)] : [];
    return { facts, result: logging, problems };
  });
  return rollup(
    ctx,
    "CloudTrail.3",
    judgements,
    (j) => `${j.facts.label} is logging`,
    "no applicable trail is logging",
  );
}
