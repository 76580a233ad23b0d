// Does a trail log all read and write management events? (docs/controls.md, "Management
// events, read and write".) One selector must do it on its own: a read-only selector plus a
// write-only selector do not add up, because Security Hub and CIS judge selectors one by one.
// Advanced selectors are judged by their field selectors, never by their Name, which is free text.
// This is the one classifier: the evaluator, coverage (gap causes), watch, remediation and the
// account page all call it, so a selector cannot pass one and fail another.
import type {
  AdvancedEventSelector,
  AdvancedFieldSelector,
  BasicEventSelector,
  EventSelectorsState,
} from "@/lib/collect/snapshot-types";

export type ManagementCoverage = "all" | "partial" | "none" | "unknown";
/** Why a partial trail is partial: the coverage report's gap causes for management events. */
export type ManagementGapCause = "excluded_event_sources" | "write_only" | "read_only";

/** A partial trail always names its gap; the others have none. */
export type ManagementEventsJudgement = (
  { coverage: "partial"; cause: ManagementGapCause } | { coverage: Exclude<ManagementCoverage, "partial">; cause: null }
) & {
  /** A phrase that follows the trail's name, e.g. "logs write-only management events". */
  summary: string;
  /** True when GetEventSelectors returned neither list and AWS's default was applied. */
  usedDefault: boolean;
};

const ALL = "records all read and write management events";

function judged(coverage: "partial", summary: string, cause: ManagementGapCause): ManagementEventsJudgement;
function judged(coverage: Exclude<ManagementCoverage, "partial">, summary: string): ManagementEventsJudgement;
function judged(coverage: ManagementCoverage, summary: string, cause?: ManagementGapCause): ManagementEventsJudgement {
  if (coverage === "partial") return { coverage, cause: cause ?? "write_only", summary, usedDefault: false };
  return { coverage, cause: null, summary, usedDefault: false };
}

export function judgeManagementEvents(selectors: EventSelectorsState | null): ManagementEventsJudgement {
  if (selectors === null) {
    return judged("unknown", "has event selectors that could not be read (GetEventSelectors failed)");
  }
  const { basic, advanced } = selectors;
  if (basic === null && advanced === null) {
    return {
      ...judged("all", `${ALL} (event selectors never set: AWS's default logs all management events)`),
      usedDefault: true,
    };
  }
  // A trail uses basic or advanced selectors, never both (AWS replaces one list by the other);
  // advanced ones win when a snapshot somehow holds both.
  if (advanced !== null && advanced.length > 0) return judgeAdvanced(advanced);
  if (basic !== null && basic.length > 0) return judgeBasic(basic);
  return judged("none", "has an empty event selector list and logs no management events");
}

function judgeBasic(selectors: BasicEventSelector[]): ManagementEventsJudgement {
  let read = false;
  let write = false;
  const excluded = new Set<string>();
  for (const selector of selectors) {
    if (!selector.includeManagementEvents) continue;
    if (selector.excludeManagementEventSources.length > 0) {
      selector.excludeManagementEventSources.forEach((source) => excluded.add(source));
      continue;
    }
    if (selector.readWriteType === "All") return judged("all", ALL);
    if (selector.readWriteType === "ReadOnly") read = true;
    else write = true;
  }
  if (excluded.size > 0) {
    const sources = [...excluded].sort().join(", ");
    return judged("partial", `excludes management event sources ${sources}`, "excluded_event_sources");
  }
  return readWriteSummary(read, write, "event selectors");
}

function readWriteSummary(read: boolean, write: boolean, kind: string): ManagementEventsJudgement {
  if (read && write) {
    // The better single selector (write-only) names the gap; the summary says why they do not add up.
    return judged(
      "partial",
      `logs read-only and write-only management events in separate ${kind}, which do not add up (one selector must log both)`,
      "write_only",
    );
  }
  if (read) return judged("partial", "logs read-only management events", "read_only");
  if (write) return judged("partial", "logs write-only management events", "write_only");
  return judged("none", `logs no management events (no ${kind.replace(/s$/, "")} includes them)`);
}

/** A selector's field selector for `field`, matched without regard to case ("readOnly", "ReadOnly"). */
export function fieldNamed(selector: AdvancedEventSelector, field: string): AdvancedFieldSelector | undefined {
  return selector.fieldSelectors.find((f) => f.field.toLowerCase() === field.toLowerCase());
}

/** Does this advanced selector select management events at all (eventCategory Equals Management)? */
export function selectsManagementEvents(selector: AdvancedEventSelector): boolean {
  return fieldNamed(selector, "eventCategory")?.equals?.includes("Management") ?? false;
}

function describeCondition(f: AdvancedFieldSelector): string {
  const parts: string[] = [];
  const ops: [keyof AdvancedFieldSelector, string][] = [
    ["equals", "Equals"],
    ["notEquals", "NotEquals"],
    ["startsWith", "StartsWith"],
    ["notStartsWith", "NotStartsWith"],
    ["endsWith", "EndsWith"],
    ["notEndsWith", "NotEndsWith"],
  ];
  for (const [key, label] of ops) {
    const values = f[key];
    if (Array.isArray(values) && values.length > 0) parts.push(`${f.field} ${label} ${values.join(", ")}`);
  }
  return parts.join("; ") || f.field;
}

/** The gap a readOnly condition other than a plain Equals leaves: read-only when it admits only "true". */
function readOnlyFilterCause(f: AdvancedFieldSelector): ManagementGapCause {
  const admits = (value: string) =>
    (f.equals === undefined || f.equals.some((v) => v.toLowerCase() === value)) &&
    !(f.notEquals ?? []).some((v) => v.toLowerCase() === value);
  return admits("true") && !admits("false") ? "read_only" : "write_only";
}

function selectorLabel(selector: AdvancedEventSelector): string {
  if (!selector.name) return "an advanced selector";
  // A Name such as "Log all management events" says nothing about what the fields do.
  const misleading = /\ball\b/i.test(selector.name) ? " (judged by its fields, not its name)" : "";
  return `advanced selector "${selector.name}"${misleading}`;
}

function judgeAdvanced(selectors: AdvancedEventSelector[]): ManagementEventsJudgement {
  let read = false;
  let write = false;
  let exclusion: string | undefined;
  let readOnlyFilter: ManagementEventsJudgement | undefined;
  for (const selector of selectors) {
    if (!selectsManagementEvents(selector)) continue;
    const source = fieldNamed(selector, "eventSource");
    const readOnly = fieldNamed(selector, "readOnly");
    if (!source && !readOnly) return judged("all", ALL);
    if (source) {
      exclusion ??= `filters management events by event source in ${selectorLabel(selector)} (${describeCondition(source)})`;
      continue;
    }
    if (readOnly) {
      const values = readOnly.equals ?? [];
      if (values.length === 1 && values[0]?.toLowerCase() === "true") read = true;
      else if (values.length === 1 && values[0]?.toLowerCase() === "false") write = true;
      else
        readOnlyFilter ??= judged(
          "partial",
          `filters management events by readOnly in ${selectorLabel(selector)} (${describeCondition(readOnly)})`,
          readOnlyFilterCause(readOnly),
        );
    }
  }
  if (exclusion) return judged("partial", exclusion, "excluded_event_sources");
  if (read || write) {
    const result = readWriteSummary(read, write, "advanced selectors");
    const only = selectors.length === 1 && selectors[0] ? selectors[0] : undefined;
    return only?.name ? { ...result, summary: `${result.summary} in ${selectorLabel(only)}` } : result;
  }
  if (readOnlyFilter) return readOnlyFilter;
  return judged("none", "logs no management events (no advanced selector has eventCategory Equals Management)");
}
