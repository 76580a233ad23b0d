// Which trails count for an account (docs/controls.md, "Which trails apply to an account"):
// the trails it owns in any home region, plus its organization's trail. The organization trail is
// credited to every member whether the collector resolved it (appliesVia "organization") or the
// member's own ListTrails showed it as a shadow listing (an ARN of the management account with
// IsOrganizationTrail). Peer tools that only look at owned trails report false failures here.
import type { AccountSnapshotState, TrailState } from "@/lib/collect/snapshot-types";

export interface ApplicableTrail {
  trail: TrailState;
  /** True when the trail is the organization trail owned by another (the management) account. */
  creditedFromOrganization: boolean;
  /** "trail `audit` in us-east-1" or "organization trail `org` in us-east-1 (management account 111…)". */
  label: string;
}

/** Merges two listings of the same ARN, keeping whatever each one could read. */
function mergeListings(a: TrailState, b: TrailState): TrailState {
  const preferred = a.appliesVia === "organization" ? a : b.appliesVia === "organization" ? b : a;
  const other = preferred === a ? b : a;
  return {
    ...other,
    ...preferred,
    status: preferred.status ?? other.status,
    eventSelectors: preferred.eventSelectors ?? other.eventSelectors,
    insightSelectors: preferred.insightSelectors ?? other.insightSelectors,
    tags: preferred.tags ?? other.tags,
  };
}

export function describeTrail(trail: TrailState, accountId: string): string {
  if (!trail.isOrganizationTrail) return `trail \`${trail.name}\` in ${trail.homeRegion}`;
  const owner = trail.ownerAccountId !== accountId ? ` (management account ${trail.ownerAccountId})` : "";
  return `organization trail \`${trail.name}\` in ${trail.homeRegion}${owner}`;
}

/** The account's applicable trails, deduplicated by ARN, owned trails first. */
export function applicableTrails(state: AccountSnapshotState): ApplicableTrail[] {
  const byArn = new Map<string, TrailState>();
  for (const trail of state.trails) {
    const known = byArn.get(trail.arn);
    byArn.set(trail.arn, known ? mergeListings(known, trail) : trail);
  }
  const result: ApplicableTrail[] = [];
  for (const trail of byArn.values()) {
    const owned = trail.ownerAccountId === state.accountId;
    // Another account's trail only applies when it is the organization trail; a non-organization
    // trail of another account (should the collector ever list one) logs nothing for this account.
    if (!owned && !trail.isOrganizationTrail && trail.appliesVia !== "organization") continue;
    result.push({ trail, creditedFromOrganization: !owned, label: describeTrail(trail, state.accountId) });
  }
  return result.sort((x, y) => Number(x.creditedFromOrganization) - Number(y.creditedFromOrganization));
}
