// The event selectors that make a trail log all read and write management events while keeping
// every existing selector: data-event selectors are carried over verbatim and none is added; a
// management selector is adjusted in place (basic: ReadWriteType All without exclusions; advanced:
// eventCategory = Management with no readOnly/eventSource field), or one is appended when the
// trail has none. Advanced selectors stay advanced. PutEventSelectors replaces the whole list, so
// the list here is always the complete current list with the one change.
import type {
  AdvancedEventSelector,
  AdvancedFieldSelector,
  BasicEventSelector,
  EventSelectorsState,
} from "@/lib/collect/snapshot-types";
import { selectsManagementEvents } from "@/lib/controls/management-events";
import type { JsonObject, StepChange } from "@/lib/remediate/plan/plan-types";

export const MANAGEMENT_SELECTOR_NAME = "Management events (read and write)";
/** AWS allows five basic event selectors per trail. */
const MAX_BASIC_SELECTORS = 5;

export type SelectorPlan = { ok: true; params: JsonObject; changes: StepChange[] } | { ok: false; reason: string };

export function basicToApi(s: BasicEventSelector): JsonObject {
  return {
    ReadWriteType: s.readWriteType,
    IncludeManagementEvents: s.includeManagementEvents,
    DataResources: s.dataResources.map((d) => ({ Type: d.type, Values: [...d.values] })),
    ExcludeManagementEventSources: [...s.excludeManagementEventSources],
  };
}

const OPS: [keyof AdvancedFieldSelector, string][] = [
  ["equals", "Equals"],
  ["startsWith", "StartsWith"],
  ["endsWith", "EndsWith"],
  ["notEquals", "NotEquals"],
  ["notStartsWith", "NotStartsWith"],
  ["notEndsWith", "NotEndsWith"],
];

export function fieldToApi(f: AdvancedFieldSelector): JsonObject {
  const out: JsonObject = { Field: f.field };
  for (const [key, apiKey] of OPS) {
    const values = f[key];
    if (Array.isArray(values) && values.length > 0) out[apiKey] = [...values];
  }
  return out;
}

export function advancedToApi(s: AdvancedEventSelector): JsonObject {
  const out: JsonObject = { FieldSelectors: s.fieldSelectors.map(fieldToApi) };
  if (s.name) out.Name = s.name;
  return out;
}

/** The selectors a new trail gets: AWS's default, written explicitly (emulators have no default). */
export function defaultManagementSelectors(): JsonObject {
  return {
    EventSelectors: [
      { ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ],
  };
}

function planBasic(basic: BasicEventSelector[]): SelectorPlan {
  const selectors = basic.map(basicToApi);
  // A management selector without data resources can be widened without touching data events.
  const at = basic.findIndex((s) => s.includeManagementEvents && s.dataResources.length === 0);
  if (at >= 0) {
    const s = basic[at]!;
    const changes: StepChange[] = [];
    if (s.readWriteType !== "All")
      changes.push({ attribute: `EventSelectors[${at}].ReadWriteType`, from: s.readWriteType, to: "All" });
    if (s.excludeManagementEventSources.length > 0) {
      changes.push({
        attribute: `EventSelectors[${at}].ExcludeManagementEventSources`,
        from: [...s.excludeManagementEventSources],
        to: [],
      });
    }
    selectors[at] = { ...selectors[at]!, ReadWriteType: "All", ExcludeManagementEventSources: [] };
    return { ok: true, params: { EventSelectors: selectors }, changes };
  }
  if (selectors.length >= MAX_BASIC_SELECTORS) {
    return {
      ok: false,
      reason: `the trail already has ${selectors.length} basic event selectors (the AWS maximum) and none can log management events without changing its data events`,
    };
  }
  const added = defaultManagementSelectors().EventSelectors as JsonObject[];
  return {
    ok: true,
    params: { EventSelectors: [...selectors, ...added] },
    changes: [{ attribute: `EventSelectors[${selectors.length}]`, from: null, to: added[0]! }],
  };
}

function planAdvanced(advanced: AdvancedEventSelector[]): SelectorPlan {
  const selectors = advanced.map(advancedToApi);
  const at = advanced.findIndex(selectsManagementEvents);
  const all: JsonObject = { Field: "eventCategory", Equals: ["Management"] };
  if (at >= 0) {
    const s = advanced[at]!;
    const before = selectors[at]!.FieldSelectors;
    selectors[at] = { ...selectors[at]!, FieldSelectors: [all] };
    const label = s.name ? `AdvancedEventSelectors[${at}] "${s.name}"` : `AdvancedEventSelectors[${at}]`;
    return {
      ok: true,
      params: { AdvancedEventSelectors: selectors },
      changes: [{ attribute: `${label}.FieldSelectors`, from: before ?? null, to: [all] }],
    };
  }
  const added: JsonObject = { Name: MANAGEMENT_SELECTOR_NAME, FieldSelectors: [all] };
  return {
    ok: true,
    params: { AdvancedEventSelectors: [...selectors, added] },
    changes: [{ attribute: `AdvancedEventSelectors[${selectors.length}]`, from: null, to: added }],
  };
}

/** The complete selector list that logs all management events, or why it cannot be made safely. */
export function planManagementSelectors(current: EventSelectorsState | null): SelectorPlan {
  if (current === null) {
    return {
      ok: false,
      reason:
        "its event selectors could not be read, so they cannot be changed without risking removing one (re-collect first)",
    };
  }
  if (current.advanced !== null && current.advanced.length > 0) return planAdvanced(current.advanced);
  return planBasic(current.basic ?? []);
}
