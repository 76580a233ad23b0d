// Does a trail's selector configuration log all read and write management events?
// Coverage keeps its own small classifier (rather than importing lib/controls) so the coverage
// history does not move when the control evaluator's wording changes; the rule is the one in
// docs/controls.md "Management events, read and write".
import type { AdvancedEventSelector, BasicEventSelector, EventSelectorsState } from "@/lib/collect/snapshot-types";

export type ManagementEventsQuality =
  | { quality: "all" }
  | { quality: "partial"; cause: "excluded_event_sources" | "write_only" | "read_only" }
  | { quality: "none" }
  | { quality: "unknown" };

// Higher is better; a read-only and a write-only selector do not add up, so the best single
// selector decides.
const RANK = { all: 4, excluded_event_sources: 3, write_only: 2, read_only: 1, none: 0 } as const;
type Verdict = keyof typeof RANK;

function basicVerdict(s: BasicEventSelector): Verdict {
  if (!s.includeManagementEvents) return "none";
  if (s.readWriteType === "WriteOnly") return "write_only";
  if (s.readWriteType === "ReadOnly") return "read_only";
  return s.excludeManagementEventSources.length > 0 ? "excluded_event_sources" : "all";
}

function advancedVerdict(s: AdvancedEventSelector): Verdict {
  // Judged by fields, never by the selector's name.
  const category = s.fieldSelectors.find((f) => f.field === "eventCategory");
  if (!category?.equals?.includes("Management")) return "none";
  const readOnly = s.fieldSelectors.find((f) => f.field === "readOnly");
  if (readOnly) {
    const onlyReads =
      (readOnly.equals?.includes("true") && !readOnly.equals.includes("false")) ||
      readOnly.notEquals?.includes("false");
    return onlyReads ? "read_only" : "write_only";
  }
  if (s.fieldSelectors.some((f) => f.field === "eventSource")) return "excluded_event_sources";
  return "all";
}

export function classifyManagementEvents(selectors: EventSelectorsState | null): ManagementEventsQuality {
  if (selectors === null) return { quality: "unknown" }; // GetEventSelectors failed
  if (selectors.basic === null && selectors.advanced === null) return { quality: "all" }; // AWS's default
  const verdicts = [...(selectors.basic ?? []).map(basicVerdict), ...(selectors.advanced ?? []).map(advancedVerdict)];
  let best: Verdict = "none";
  for (const v of verdicts) if (RANK[v] > RANK[best]) best = v;
  if (best === "all") return { quality: "all" };
  if (best === "none") return { quality: "none" };
  return { quality: "partial", cause: best };
}
