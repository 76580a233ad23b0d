// CSV export of the audit log, streamed: a header row, then one row per event as it is read.
import { stringify } from "csv-stringify/sync";
import type { AuditEventView } from "@/lib/audit/query-audit-events";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "action",
  "target",
  "outcome",
  "ip",
  "user_agent",
  "details",
] as const;

/**
 * Spreadsheets run cells starting with = + - @ as formulas, and audit rows hold text an attacker
 * chose (a failed sign-in's e-mail, a user agent): such cells get a leading apostrophe.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function auditCsvRow(event: AuditEventView): string {
  const cells = [
    event.actorType,
    event.actorId ?? "",
    event.actorName ?? "",
    event.action,
    event.target ?? "",
    event.outcome,
    event.ip ?? "",
    event.userAgent ?? "",
    JSON.stringify(event.details ?? {}),
  ].map(neutralizeFormula);
  return stringify([[event.id, event.at, ...cells]]);
}

export function auditCsvStream(events: AsyncIterable<AuditEventView>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...AUDIT_CSV_COLUMNS]])));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
