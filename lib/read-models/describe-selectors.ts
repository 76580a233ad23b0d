// Event selectors in words for the account page, e.g. "read and write management events (basic
// selector)", "write-only management events", "all management events (AWS default: selectors
// never set)". Pure. The pass/fail judgement itself comes from lib/controls/management-events.ts.
import type {
  AdvancedEventSelector,
  AdvancedFieldSelector,
  BasicEventSelector,
  EventSelectorsState,
} from "@/lib/collect/snapshot-types";
import { fieldNamed } from "@/lib/controls/management-events";

function rw(type: BasicEventSelector["readWriteType"]): string {
  return type === "All" ? "read and write" : type === "ReadOnly" ? "read-only" : "write-only";
}

function describeBasic(s: BasicEventSelector): string {
  const parts: string[] = [];
  if (s.includeManagementEvents) {
    const excluded = s.excludeManagementEventSources.length
      ? `, excluding ${s.excludeManagementEventSources.join(", ")}`
      : "";
    parts.push(`${rw(s.readWriteType)} management events${excluded} (basic selector)`);
  }
  if (s.dataResources.length) {
    const types = [...new Set(s.dataResources.map((d) => d.type.replace(/^AWS::/, "")))].join(", ");
    parts.push(`${rw(s.readWriteType)} data events for ${types} (basic selector)`);
  }
  return parts.length ? parts.join("; ") : "no management or data events (basic selector)";
}

function condition(f: AdvancedFieldSelector): string {
  const ops: [keyof AdvancedFieldSelector, string][] = [
    ["equals", "="],
    ["notEquals", "≠"],
    ["startsWith", "starts with"],
    ["notStartsWith", "does not start with"],
    ["endsWith", "ends with"],
    ["notEndsWith", "does not end with"],
  ];
  return ops
    .flatMap(([key, word]) => {
      const values = f[key];
      return Array.isArray(values) && values.length ? [`${word} ${values.join(", ")}`] : [];
    })
    .join(" and ");
}

function describeAdvanced(s: AdvancedEventSelector): string {
  const named = s.name ? `advanced selector "${s.name}"` : "advanced selector";
  const category = fieldNamed(s, "eventCategory")?.equals ?? [];
  if (category.includes("Management")) {
    const readOnly = fieldNamed(s, "readOnly");
    const source = fieldNamed(s, "eventSource");
    const kind =
      readOnly?.equals?.length === 1
        ? readOnly.equals[0]?.toLowerCase() === "true"
          ? "read-only"
          : "write-only"
        : readOnly
          ? `management events with readOnly ${condition(readOnly)}`
          : "read and write";
    const base = kind.startsWith("management") ? kind : `${kind} management events`;
    return `${base}${source ? `, only where eventSource ${condition(source)}` : ""} (${named})`;
  }
  if (category.length) {
    const type = fieldNamed(s, "resources.type")?.equals?.join(", ");
    return `${category.join(", ").toLowerCase()} events${type ? ` for ${type}` : ""} (${named})`;
  }
  return `events matching ${s.fieldSelectors.map((f) => `${f.field} ${condition(f)}`).join("; ")} (${named})`;
}

export function describeSelectors(selectors: EventSelectorsState | null): string[] {
  if (selectors === null) return ["unknown: GetEventSelectors failed"];
  if (selectors.basic === null && selectors.advanced === null)
    return ["all management events (AWS default: selectors never set)"];
  if (selectors.advanced?.length) return selectors.advanced.map(describeAdvanced);
  if (selectors.basic?.length) return selectors.basic.map(describeBasic);
  return ["nothing: the selector list is empty"];
}
