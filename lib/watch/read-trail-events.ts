// Reads an account's CloudTrail event history (LookupEvents) in one region for CloudTrail's own
// mutating events since a watermark: who stopped, deleted or changed a trail, when and from where.
// LookupEvents allows 2 requests/s per account and region (the rate limiter's "cloudtrail:lookup"
// family) and returns 50 events a page. Event history is not instant (AWS documents it as
// typically within 15 minutes, usually far less), so each read reaches LOOKBACK_MS behind the
// watermark and events already stored are recognised by their id.
import { LookupEventsCommand, type Event } from "@aws-sdk/client-cloudtrail";
import { TRAIL_MUTATIONS } from "@/lib/watch/watch-types";
import type { RunContext } from "@/lib/collect/run-context";

export const LOOKBACK_MS = 15 * 60_000;
/** A round never pages further than this per account and region (a burst of changes is still caught by status). */
const MAX_PAGES = 10;

export interface TrailEventRecord {
  eventId: string;
  accountId: string;
  region: string;
  eventName: string;
  eventTime: Date;
  actorArn: string | null;
  sourceIp: string | null;
  trailArn: string | null;
  errorCode: string | null;
  requestParameters: Record<string, unknown> | null;
}

export interface RegionEvents {
  events: TrailEventRecord[];
  calls: number;
  /** When this read started: the next read goes on from there (less the lookback). */
  watermark: Date;
}

interface CloudTrailRecord {
  userIdentity?: { arn?: string; type?: string; accountId?: string };
  sourceIPAddress?: string;
  errorCode?: string;
  requestParameters?: Record<string, unknown> | null;
}

/** The trail an event is about, as an ARN when the event names it by name. */
function trailOf(e: Event, params: Record<string, unknown> | null, accountId: string, region: string): string | null {
  const resource = e.Resources?.find((r) => r.ResourceType === "AWS::CloudTrail::Trail")?.ResourceName;
  const named = resource ?? (params?.name as string | undefined) ?? (params?.trailName as string | undefined);
  if (!named) return null;
  return named.startsWith("arn:") ? named : `arn:aws:cloudtrail:${region}:${accountId}:trail/${named}`;
}

export function parseEvent(e: Event, accountId: string, region: string): TrailEventRecord | null {
  if (!e.EventId || !e.EventName || !e.EventTime) return null;
  let record: CloudTrailRecord = {};
  try {
    record = e.CloudTrailEvent ? (JSON.parse(e.CloudTrailEvent) as CloudTrailRecord) : {};
  } catch {
    record = {};
  }
  const params = record.requestParameters ?? null;
  return {
    eventId: e.EventId,
    accountId,
    region,
    eventName: e.EventName,
    eventTime: e.EventTime,
    actorArn: record.userIdentity?.arn ?? (e.Username ? `user:${e.Username}` : null),
    sourceIp: record.sourceIPAddress ?? null,
    trailArn: trailOf(e, params, accountId, region),
    errorCode: record.errorCode ?? null,
    requestParameters: params,
  };
}

export async function readTrailEvents(
  ctx: RunContext,
  accountId: string,
  region: string,
  since: Date,
): Promise<RegionEvents> {
  const ct = ctx.client("cloudtrail", accountId, region);
  const events: TrailEventRecord[] = [];
  const watermark = new Date();
  let calls = 0;
  let token: string | undefined;
  do {
    calls += 1;
    const out = await ct.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "cloudtrail.amazonaws.com" }],
        StartTime: new Date(since.getTime() - LOOKBACK_MS),
        MaxResults: 50,
        NextToken: token,
      }),
    );
    for (const e of out.Events ?? []) {
      if (!e.EventName || !TRAIL_MUTATIONS.has(e.EventName)) continue;
      const parsed = parseEvent(e, accountId, region);
      if (!parsed) continue;
      events.push(parsed);
    }
    token = out.NextToken;
  } while (token && calls < MAX_PAGES);
  return { events, calls, watermark };
}
