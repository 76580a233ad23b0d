// Audit records of refusals (a role too low, a bad API token, a throttled sign-in), aggregated per
// source and minute so that a flood of bad requests cannot fill the append-only table: the first
// refusal of a source in a minute writes one row; every later one in that minute only adds to a
// counter (request_counters), and that row stands for them all: the audit log shows its `count`
// (lib/audit/query-audit-events.ts). One row per source and minute, whatever the flood.
import { recordAuditEventSafely, type AuditInput } from "@/lib/audit/record-audit-event";
import { countInWindow } from "@/lib/http/request-counter";

/** `source` names who is refused, e.g. "denied:user:<id>" or "token_invalid:<address>". */
export async function recordAggregatedEvent(source: string, input: AuditInput): Promise<void> {
  const key = `audit:${source}`;
  let count = 1;
  let windowStart: string | null = null;
  try {
    const counted = await countInWindow(key);
    count = counted.count;
    windowStart = counted.windowStart.toISOString();
  } catch (err) {
    // Counting failed: record the event on its own rather than lose it.
    console.error("Could not count an audit refusal:", err instanceof Error ? err.message : err);
  }
  if (count > 1) return;
  const details = windowStart ? { ...input.details, aggregate: { key, windowStart, from: 1 } } : input.details;
  await recordAuditEventSafely({ ...input, details });
}
