// Counts requests per source in one-minute windows, in PostgreSQL so every web process shares the
// count. One atomic upsert per request: no read-then-write race between concurrent requests.
// Two uses: the rate limit of unauthenticated API requests (keys "rate:<address>", forgotten
// after a day) and the aggregation of repeated denials into one audit row per source and minute
// (keys "audit:<kind>:<source>", kept so the audit log can show each row's count).
import "server-only";
import { db } from "@/lib/db";

const WINDOW_MS = 60_000;
const RATE_KEYS_KEPT_MS = 86_400_000;

export interface WindowCount {
  /** This request's number within the window (1 for the first). */
  count: number;
  windowStart: Date;
  /** Seconds until the window ends. */
  secondsLeft: number;
}

let lastCleanup = 0;

export async function countInWindow(key: string, now = new Date()): Promise<WindowCount> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO request_counters (key, window_start, count) VALUES (${key}, ${windowStart.toISOString()}::timestamp, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = request_counters.count + 1
    RETURNING count`;
  if (now.getTime() - lastCleanup > WINDOW_MS) {
    lastCleanup = now.getTime();
    await db.requestCounter
      .deleteMany({
        where: { key: { startsWith: "rate:" }, windowStart: { lt: new Date(now.getTime() - RATE_KEYS_KEPT_MS) } },
      })
      .catch((err: unknown) =>
        console.error("Could not prune request counters:", err instanceof Error ? err.message : err),
      );
  }
  return {
    count: row?.count ?? 1,
    windowStart,
    secondsLeft: Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/** The counts behind aggregated audit rows, by "key|windowStart ISO". */
export async function auditCounts(pairs: { key: string; windowStart: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (pairs.length === 0) return out;
  const rows = await db.requestCounter.findMany({
    where: { OR: pairs.map((p) => ({ key: p.key, windowStart: new Date(p.windowStart) })) },
    select: { key: true, windowStart: true, count: true },
  });
  for (const r of rows) out.set(`${r.key}|${r.windowStart.toISOString()}`, r.count);
  return out;
}
