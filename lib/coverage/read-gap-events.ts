// The CloudTrail mutations that can explain the gaps of a report period (TrailEvent rows the watch
// read from event history), with whether the event's trail was an organization trail at the time:
// told by the owner's newest readable snapshot before the event (a deleted organization trail is
// no longer in later ones). Events are few (CloudTrail's own changes), so one indexed snapshot
// lookup per event is cheap.
import "server-only";
import { db } from "@/lib/db";
import { CAUSE_EVENTS, type GapEvent } from "@/lib/coverage/attribute-gaps";

interface Row {
  account_id: string;
  event_name: string;
  event_time: Date;
  actor_arn: string | null;
  source_ip: string | null;
  trail_arn: string | null;
  organization: boolean | null;
}

const NAMES = [...new Set(Object.values(CAUSE_EVENTS).flat())];

/** Successful events in [from − 1 h, to), seconds. */
export async function readGapEvents(from: number, to: number): Promise<GapEvent[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT e.account_id, e.event_name, e.event_time, e.actor_arn, e.source_ip, e.trail_arn,
           EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(s.state->'trails', '[]'::jsonb)) t
                    WHERE t->>'arn' = e.trail_arn AND (t->>'isOrganizationTrail')::boolean) AS organization
      FROM trail_events e
      LEFT JOIN LATERAL (
        SELECT state FROM snapshots
         WHERE account_id = e.account_id AND collected_at <= e.event_time AND status <> 'error'
         ORDER BY collected_at DESC LIMIT 1) s ON true
     WHERE e.error_code IS NULL AND e.event_name = ANY(${NAMES}::text[])
       AND e.event_time >= ${new Date((from - 3600) * 1000)} AND e.event_time < ${new Date(to * 1000)}`;
  return rows.map((r) => ({
    accountId: r.account_id,
    eventName: r.event_name,
    eventTime: Math.floor(r.event_time.getTime() / 1000),
    actorArn: r.actor_arn,
    sourceIp: r.source_ip,
    trailArn: r.trail_arn,
    organization: Boolean(r.organization),
  }));
}
