// CSV export of the audit log, streamed: a header row, then one row per event as it is read.
import { csvLines } from "@/lib/csv/csv-writer";
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

export function auditCsvRow(event: AuditEventView): string {
  // Audit rows hold text an attacker chose (a failed sign-in's e-mail, a user agent); the writer
  // neutralizes formulas in them.
  return csvLines([
    [
      event.id,
      event.at,
      event.actorType,
      event.actorId ?? "",
      event.actorName ?? "",
      event.action,
      event.target ?? "",
      event.outcome,
      event.ip ?? "",
      event.userAgent ?? "",
      JSON.stringify(event.details ?? {}),
    ],
  ]);
}

export function auditCsvStream(events: AsyncIterable<AuditEventView>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([AUDIT_CSV_COLUMNS])));
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
