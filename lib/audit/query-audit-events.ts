// Reads the audit log: one page for the UI and the JSON API, every matching row for CSV export.
import "server-only";
import { db } from "@/lib/db";
import { auditCounts } from "@/lib/http/request-counter";
import { auditWhere, type AuditFilters } from "@/lib/audit/audit-filters";

export interface AuditEventView {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

type AuditRow = Omit<AuditEventView, "id" | "at"> & { id: bigint; at: Date };

function toView(row: AuditRow): AuditEventView {
  return { ...row, id: row.id.toString(), at: row.at.toISOString() };
}

type Aggregate = { key: string; windowStart: string; from: number };

function aggregateOf(details: unknown): Aggregate | null {
  const a = (details as { aggregate?: Partial<Aggregate> } | null)?.aggregate;
  return typeof a?.key === "string" && typeof a.windowStart === "string" && typeof a.from === "number"
    ? { key: a.key, windowStart: a.windowStart, from: a.from }
    : null;
}

/**
 * Repeated refusals are aggregated per source and minute (lib/audit/record-aggregated-event.ts):
 * the minute's one row stands for the rest, and how many it stands for is shown as details.count
 * (rows written before that rule carry `from` > 1: they stand for the refusals from their own on).
 */
async function withCounts(rows: AuditRow[]): Promise<AuditEventView[]> {
  const pairs = rows.map((r) => aggregateOf(r.details)).filter((a): a is Aggregate => a !== null);
  const counts = await auditCounts(pairs);
  return rows.map((row) => {
    const view = toView(row);
    const a = aggregateOf(row.details);
    if (!a) return view;
    const { aggregate: _aggregate, ...rest } = row.details as Record<string, unknown>;
    return {
      ...view,
      details: {
        ...rest,
        count: Math.max(1, (counts.get(`${a.key}|${a.windowStart}`) ?? a.from) - a.from + 1),
        window: a.windowStart,
      },
    };
  });
}

export async function queryAuditEvents(
  filters: AuditFilters,
): Promise<{ events: AuditEventView[]; total: number; page: number; pages: number }> {
  const where = auditWhere(filters);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return {
    events: await withCounts(rows),
    total,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / filters.pageSize)),
  };
}

/** Every matching event, newest first, fetched in batches so a large export never loads at once. */
export async function* iterateAuditEvents(filters: AuditFilters, batchSize = 2000): AsyncGenerator<AuditEventView> {
  const where = auditWhere(filters);
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
      orderBy: { id: "desc" },
      take: batchSize,
    });
    for (const view of await withCounts(rows)) yield view;
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]?.id;
  }
}

/** Distinct actions seen so far, for the filter's suggestions. */
export async function knownAuditActions(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}
