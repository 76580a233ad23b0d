// Which trail should satisfy CloudTrail.1/.3 and carry the CIS alarms (CloudWatch.*), with the
// fewest new resources: a trail that already logs everything; else the organization trail (an
// account it covers never gets a trail of its own: the fix goes to the management account); else
// the account's best multi-region trail; else one of its single-region trails made multi-region;
// else a new trail, unless the region already holds AWS's five trails.
import type { EvaluationContext, TrailFacts } from "@/lib/controls/evaluation-context";
import { loggingOf, managementOf } from "@/lib/controls/evaluation-context";
import { findLogGroup } from "@/lib/controls/evidence";
import { indexLogGroup } from "@/lib/controls/log-group-index";
import { judgeMetricFilterChain } from "@/lib/controls/judge-metric-filter-chain";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import type { PlanStrategyKind } from "@/lib/remediate/plan/plan-types";
import { trailArn, trailName, type NameContext } from "@/lib/remediate/plan/resource-names";

/** AWS: five trails per region; a multi-region trail counts in every region. */
export const TRAILS_PER_REGION = 5;

export type PrimaryChoice =
  | { kind: Exclude<PlanStrategyKind, "create-trail" | "none">; facts: TrailFacts; summary: string }
  | { kind: "create-trail"; name: string; arn: string; region: string; summary: string }
  | { kind: "blocked"; reason: string };

/** Trails managed by another service: changing them is not ours to do. */
export function isReusable(facts: TrailFacts, accountId: string): boolean {
  const { trail } = facts;
  if (trail.ownerAccountId !== accountId) return false;
  return !/^aws-controltower-/i.test(trail.name) && !/do-not-edit/i.test(trail.name);
}

function cisCoverage(ctx: EvaluationContext, facts: TrailFacts): number {
  const arn = facts.trail.cloudWatchLogsLogGroupArn;
  const group = arn ? findLogGroup(ctx.state, arn) : undefined;
  if (!group || group.readStatus !== "ok") return 0;
  const index = indexLogGroup(group);
  return CLOUDWATCH_CONTROL_IDS.filter((id) => judgeMetricFilterChain(index, id, "").status === "PASSED").length;
}

/** Higher is closer to the end state (fewer steps to get there). */
function score(ctx: EvaluationContext, facts: TrailFacts): number {
  const t = facts.trail;
  return (
    (t.cloudWatchLogsLogGroupArn ? 40 : 0) +
    cisCoverage(ctx, facts) * 2 +
    (loggingOf(facts) === true ? 20 : 0) +
    (managementOf(facts) === true ? 20 : 0) +
    (t.kmsKeyId ? 5 : 0) +
    (t.logFileValidationEnabled ? 5 : 0)
  );
}

function best(ctx: EvaluationContext, list: TrailFacts[], homeRegion?: string): TrailFacts | undefined {
  return [...list].sort((a, b) => {
    const home = homeRegion ? Number(b.trail.homeRegion === homeRegion) - Number(a.trail.homeRegion === homeRegion) : 0;
    return home || score(ctx, b) - score(ctx, a) || a.trail.arn.localeCompare(b.trail.arn);
  })[0];
}

/** Owned trails present in `region` (including multi-region ones and trails that could not be read). */
export function trailsInRegion(ctx: EvaluationContext, region: string): number {
  const owned = ctx.state.trails.filter((t) => t.ownerAccountId === ctx.state.accountId);
  const arns = new Set(owned.filter((t) => t.homeRegion === region || t.isMultiRegionTrail).map((t) => t.arn));
  for (const unread of ctx.state.unreadTrails ?? []) arns.add(unread.arn);
  return arns.size;
}

/**
 * A region where one more multi-region trail would exceed AWS's five (a multi-region trail counts in
 * every region), other than `except` (the home region of a trail being converted, where it already
 * counts); undefined when every region has room. Regions without a trail homed there hold only the
 * multi-region trails, which every home region counts too.
 */
export function fullRegionForMultiRegionTrail(
  ctx: EvaluationContext,
  alsoCheck: string,
  except?: string,
): { region: string; count: number } | undefined {
  const regions = new Set([alsoCheck, ...ctx.state.trails.map((t) => t.homeRegion)]);
  for (const region of [...regions].sort()) {
    if (region === except) continue;
    const count = trailsInRegion(ctx, region);
    if (count >= TRAILS_PER_REGION) return { region, count };
  }
  return undefined;
}

export function choosePrimaryTrail(ctx: EvaluationContext, names: NameContext, homeRegion: string): PrimaryChoice {
  const accountId = ctx.state.accountId;
  const complete = ctx.trails.filter(
    (f) => f.trail.isMultiRegionTrail && loggingOf(f) === true && managementOf(f) === true,
  );
  const already = best(ctx, complete);
  if (already) {
    const kind = already.trail.isOrganizationTrail ? "organization-trail" : "reuse-trail";
    return {
      kind,
      facts: already,
      summary: `${already.label} already logs all management events in every region; it is kept as the account's trail`,
    };
  }
  const organization = ctx.trails.find((f) => f.trail.isOrganizationTrail || f.creditedFromOrganization);
  if (organization) {
    const where =
      organization.trail.ownerAccountId === accountId
        ? "this (management) account"
        : `management account ${organization.trail.ownerAccountId}`;
    return {
      kind: "organization-trail",
      facts: organization,
      summary: `${organization.label} covers this account, so it gets no trail of its own; the organization trail is fixed in ${where}`,
    };
  }
  const reusable = ctx.trails.filter((f) => isReusable(f, accountId));
  const multi = best(
    ctx,
    reusable.filter((f) => f.trail.isMultiRegionTrail),
  );
  if (multi) {
    return {
      kind: "reuse-trail",
      facts: multi,
      summary: `${multi.label} is reused (updated in place) rather than adding a second, billed trail`,
    };
  }
  // Converting a single-region trail adds it to every other region: only where each has room.
  const convertible = reusable.filter((f) => !fullRegionForMultiRegionTrail(ctx, homeRegion, f.trail.homeRegion));
  const single = best(ctx, convertible, homeRegion);
  if (single) {
    return {
      kind: "convert-trail",
      facts: single,
      summary: `${single.label} is made multi-region rather than adding a second trail`,
    };
  }
  const full = fullRegionForMultiRegionTrail(ctx, homeRegion);
  if (full) {
    const converting = reusable.length > 0 ? " (converting one of its single-region trails would overflow it too)" : "";
    return {
      kind: "blocked",
      reason:
        `a multi-region trail is needed but ${full.region} already holds ${full.count} trails of this account ` +
        `(AWS allows ${TRAILS_PER_REGION} per region, and a multi-region trail counts in every region)${converting}; ` +
        `free a slot there`,
    };
  }
  const name = trailName(names);
  return {
    kind: "create-trail",
    name,
    arn: trailArn(names, accountId, homeRegion, name),
    region: homeRegion,
    summary: `the account has no trail that can be reused, so a multi-region trail \`${name}\` is created in ${homeRegion}`,
  };
}
