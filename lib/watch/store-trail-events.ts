// Keeps the CloudTrail mutations read from event history (TrailEvent rows) and says which of them
// are new: a read reaches back behind its watermark, so most events of a window were seen before.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { TrailEventRecord } from "@/lib/watch/read-trail-events";

/** Inserts the events not stored yet; returns those (the ones this round is the first to see). */
export async function storeTrailEvents(events: TrailEventRecord[]): Promise<TrailEventRecord[]> {
  if (events.length === 0) return [];
  const rows = events.map(
    (e) =>
      Prisma.sql`(${e.eventId}, ${e.accountId}, ${e.region}, ${e.eventName}, ${e.eventTime.toISOString()}::timestamp,
        ${e.actorArn}, ${e.sourceIp}, ${e.trailArn}, ${e.errorCode}, ${JSON.stringify(e.requestParameters)}::jsonb)`,
  );
  const inserted = await db.$queryRaw<{ event_id: string }[]>`
    INSERT INTO trail_events (event_id, account_id, region, event_name, event_time, actor_arn, source_ip, trail_arn,
                              error_code, request_parameters)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id`;
  const fresh = new Set(inserted.map((r) => r.event_id));
  return events.filter((e) => fresh.has(e.eventId));
}
