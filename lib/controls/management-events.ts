// Does a trail log all read and write management events? (docs/controls.md, "Management
// events, read and write".) One selector must do it on its own: a read-only selector plus a
// write-only selector do not add up, because Security Hub and CIS judge selectors one by one.
// Advanced selectors are judged by their field selectors, never by their Name, which is free text.
import type {
  AdvancedEventSelector,
  AdvancedFieldSelector,
  BasicEventSelector,
  EventSelectorsState,
} from "@/lib/collect/snapshot-types";

export type ManagementCoverage = "all" | "partial" | "none" | "unknown";

export interface ManagementEventsJudgement {
  coverage: ManagementCoverage;
  /** A phrase that follows the trail's name, e.g. "logs write-only management events". */
  summary: string;
  /** True when GetEventSelectors returned neither list and AWS's default was applied. */
  usedDefault: boolean;
}

const ALL = "records all read and write management events";

export function judgeManagementEvents(selectors: EventSelectorsState | null): ManagementEventsJudgement {
  if (selectors === null) {
    return {
      coverage: "unknown",
      summary: "has event selectors that could not be read (GetEventSelectors failed)",
      usedDefault: false,
    };
  }
  const { basic, advanced } = selectors;
  if (basic === null && advanced === null) {
    return {
      coverage: "all",
      summary: `${ALL} (event selectors never set: AWS's default logs all management events)`,
      usedDefault: true,
    };
  }
  // A trail uses basic or advanced selectors, never both; advanced ones win when present.
  if (advanced !== null && advanced.length > 0) return judgeAdvanced(advanced);
  if (basic !== null && basic.length > 0) return judgeBasic(basic);
  return {
    coverage: "none",
    summary: "has an empty event selector list and logs no management events",
    usedDefault: false,
  };
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
    if (selector.readWriteType === "All") return { coverage: "all", summary: ALL, usedDefault: false };
    if (selector.readWriteType === "ReadOnly") read = true;
    else write = true;
  }
  if (excluded.size > 0) {
    return {
      coverage: "partial",
      summary: `excludes management event sources ${[...excluded].sort().join(", ")}`,
      usedDefault: false,
    };
  }
  return readWriteSummary(read, write, "event selectors");
}

function readWriteSummary(read: boolean, write: boolean, kind: string): ManagementEventsJudgement {
  if (read && write) {
    return {
      coverage: "partial",
      summary: `logs read-only and write-only management events in separate ${kind}, which do not add up (one selector must log both)`,
      usedDefault: false,
    };
  }
  if (read) return { coverage: "partial", summary: "logs read-only management events", usedDefault: false };
  if (write) return { coverage: "partial", summary: "logs write-only management events", usedDefault: false };
  return {
    coverage: "none",
    summary: `logs no management events (no ${kind.replace(/s$/, "")} includes them)`,
    usedDefault: false,
  };
}

function fieldNamed(selector: AdvancedEventSelector, field: string): AdvancedFieldSelector | undefined {
  return selector.fieldSelectors.find((f) => f.field.toLowerCase() === field.toLowerCase());
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
  let readOnlyFilter: string | undefined;
  for (const selector of selectors) {
    const category = fieldNamed(selector, "eventCategory");
    if (!category?.equals?.includes("Management")) continue;
    const source = fieldNamed(selector, "eventSource");
    const readOnly = fieldNamed(selector, "readOnly");
    if (!source && !readOnly) return { coverage: "all", summary: ALL, usedDefault: false };
    if (source) {
      exclusion ??= `filters management events by event source in ${selectorLabel(selector)} (${describeCondition(source)})`;
      continue;
    }
    if (readOnly) {
      const values = readOnly.equals ?? [];
      if (values.length === 1 && values[0]?.toLowerCase() === "true") read = true;
      else if (values.length === 1 && values[0]?.toLowerCase() === "false") write = true;
      else
        readOnlyFilter ??= `filters management events by readOnly in ${selectorLabel(selector)} (${describeCondition(readOnly)})`;
    }
  }
  if (exclusion) return { coverage: "partial", summary: exclusion, usedDefault: false };
  if (read || write) {
    const judged = readWriteSummary(read, write, "advanced selectors");
    const only = selectors.length === 1 && selectors[0] ? selectors[0] : undefined;
    return only?.name ? { ...judged, summary: `${judged.summary} in ${selectorLabel(only)}` } : judged;
  }
  if (readOnlyFilter) return { coverage: "partial", summary: readOnlyFilter, usedDefault: false };
  return {
    coverage: "none",
    summary: "logs no management events (no advanced selector has eventCategory Equals Management)",
    usedDefault: false,
  };
}
