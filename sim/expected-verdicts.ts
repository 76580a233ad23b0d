// The verdicts docs/controls.md gives for a seeded account, derived from the declaration of its
// trails (not from moto and not from the evaluator, so it can serve as the evaluator's oracle).
//
// Why an organization trail hides most bad states for CloudTrail.1/.3 and CloudWatch.*: the
// organization trail applies to every member, and it is healthy, so every member PASSES the
// account-level controls through it. Per-trail controls (.2, .4, .5, .6, .7) still FAIL on a
// member's own bad trail. Seeding with `organizationTrail: false` makes each member stand on its
// own trails, which shows the bad states as FAILED for CloudTrail.1/.3 and CloudWatch.* too.
import type { TrailSpec } from "@/sim/demo-accounts";
import { FAMILY_CONTROL_IDS, type ExpectedVerdict, type FamilyControlId, type SelectorSeed } from "@/sim/manifest";

/** A trail logs all read+write management events with any one qualifying selector (docs/controls.md). */
function logsAllManagementEvents(selectors: SelectorSeed): boolean {
  switch (selectors) {
    case "basic: ReadWriteType=All":
    case "advanced: eventCategory=Management":
      return true;
    case "default (unset)":
      return true; // selectors never set: AWS's default logs all management events
    case "basic: ReadWriteType=WriteOnly":
    case "advanced: eventCategory=Management, readOnly=false":
      return false;
  }
}

function cisCovered(trail: TrailSpec, control: number): boolean {
  if (trail.cloudWatch === "cis-all") return true;
  if (trail.cloudWatch === "cis-partial") return control <= 5;
  return false;
}

/** Per-trail (or per-bucket) control: NOT_APPLICABLE with nothing to judge, FAILED if any fails. */
function everyOf<T>(items: T[], passes: (item: T) => boolean): ExpectedVerdict {
  if (items.length === 0) return "NOT_APPLICABLE";
  return items.every(passes) ? "PASSED" : "FAILED";
}

/**
 * @param applicable the trails that apply to the account: its own plus the organization trail
 *   (pass the organization trail once, also for the management account that owns it).
 */
export function expectedVerdicts(applicable: readonly TrailSpec[]): Record<FamilyControlId, ExpectedVerdict> {
  const trails = [...applicable];
  const some = (p: (t: TrailSpec) => boolean): ExpectedVerdict => (trails.some(p) ? "PASSED" : "FAILED");
  // Buckets by kind stand in for bucket identity: every "central" trail shares one bucket.
  const bucketKinds = [...new Set(trails.map((t) => t.bucket))];

  const verdicts = {
    "CloudTrail.1": some((t) => t.multiRegion && t.logging && logsAllManagementEvents(t.selectors)),
    "CloudTrail.2": everyOf(trails, (t) => t.kms),
    "CloudTrail.3": some((t) => t.logging),
    "CloudTrail.4": everyOf(trails, (t) => t.logFileValidation),
    // moto never reports CloudWatch Logs delivery errors, so no WARNING arises here.
    "CloudTrail.5": everyOf(trails, (t) => t.cloudWatch !== "none"),
    // Every seeded bucket has its public access block fully on.
    "CloudTrail.6": everyOf(bucketKinds, () => true),
    "CloudTrail.7": everyOf(bucketKinds, (b) => b !== "own-no-access-logging"),
    // No required tag keys are configured by default.
    "CloudTrail.9": "NOT_APPLICABLE",
    // moto does not implement CloudTrail Lake (ListEventDataStores): no evidence, not "none".
    "CloudTrail.10": "NO_DATA",
  } as Record<FamilyControlId, ExpectedVerdict>;

  for (let n = 1; n <= 14; n++) {
    verdicts[`CloudWatch.${n}` as FamilyControlId] = some((t) => t.multiRegion && cisCovered(t, n));
  }
  for (const id of FAMILY_CONTROL_IDS) if (!verdicts[id]) throw new Error(`no expectation for ${id}`);
  return verdicts;
}
