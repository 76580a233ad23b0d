// Audit records of refusals (a role too low, a bad API token, a throttled sign-in), aggregated per
// source and minute so that a flood of bad requests cannot fill the append-only table: the first
// INDIVIDUAL_ROWS refusals of a source in a minute are written as they come; later ones only add to
// a counter (request_counters), and the last written row stands for them: the audit log shows its
// `count` (lib/audit/query-audit-events.ts). At most INDIVIDUAL_ROWS rows per source and minute.
import { recordAuditEventSafely, type AuditInput } from "@/lib/audit/record-audit-event";
import { countInWindow } from "@/lib/http/request-counter";

export const INDIVIDUAL_ROWS = 3;

/** `source` names who is refused, e.g. "denied:user:<id>" or "token_invalid:<address>". */
export async function recordAggregatedEvent(source: string, input: AuditInput): Promise<void> {
  const key = `audit:${source}`;
  let count = 1;
  let windowStart = new Date().toISOString();
  try {
    const counted = await countInWindow(key);
    count = counted.count;
    windowStart = counted.windowStart.toISOString();
  } catch (err) {
    // Counting failed: record the event rather than lose it.
    console.error("Could not count an audit refusal:", err instanceof Error ? err.message : err);
  }
  if (count > INDIVIDUAL_ROWS) return;
  const details =
    count === INDIVIDUAL_ROWS
      ? { ...input.details, aggregate: { key, windowStart, from: INDIVIDUAL_ROWS } }
      : input.details;
  await recordAuditEventSafely({ ...input, details });
}
