// One account's light check between collections. GetTrailStatus, in its home region, of the trails
// whose stop can move a verdict (pick-status-checks.ts: at most one per account besides the
// organization trail); then the event history (LookupEvents) of the trails' home regions and the
// primary region for CloudTrail's own mutations since the watermark, which also shows the other
// trails' StopLogging, StartLogging and DeleteTrail. Only when something moved — a status flipped,
// a trail is gone, a mutating event arrived — are GetTrail and GetEventSelectors read, to tell a
// change that can move a verdict (logging, multi-region, validation, KMS, CloudWatch Logs, bucket,
// management-event coverage) from one that cannot. With nothing changed: at most one status call
// plus one call per region, two for an account whose trails live in one region.
import { GetEventSelectorsCommand, GetTrailCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { classifyError } from "@/lib/aws/classify-error";
import { normalizeSelectors, normalizeTrail } from "@/lib/collect/normalize-trail";
import type { RunContext } from "@/lib/collect/run-context";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import { readTrailEvents, type TrailEventRecord } from "@/lib/watch/read-trail-events";
import { pickStatusChecks } from "@/lib/watch/pick-status-checks";
import { storeTrailEvents } from "@/lib/watch/store-trail-events";
import { trailFingerprint, type AccountCheck, type WatchedTrail } from "@/lib/watch/watch-types";

export interface CheckInput {
  accountId: string;
  trails: WatchedTrail[];
  watermarks: Record<string, string>;
  /** Where event history starts for a region never read (the baseline snapshot's time). */
  since: Date;
}

export interface CheckOutcome extends AccountCheck {
  events: TrailEventRecord[];
}

const NOT_FOUND = /TrailNotFound/;

/** GetTrail + GetEventSelectors of one trail: its fingerprint now, or null when it is gone. */
async function readFingerprint(
  ctx: RunContext,
  t: WatchedTrail,
): Promise<{ fingerprint: string | null; multiRegion?: boolean; managementEvents?: string; calls: number }> {
  const ct = ctx.client("cloudtrail", t.ownerAccountId, t.homeRegion);
  try {
    const [trail, selectors] = await Promise.all([
      ct.send(new GetTrailCommand({ Name: t.arn })),
      ct.send(new GetEventSelectorsCommand({ TrailName: t.arn })),
    ]);
    if (!trail.Trail) return { fingerprint: null, calls: 2 };
    const state = normalizeTrail(trail.Trail, t.homeRegion, "owned");
    const coverage = judgeManagementEvents(normalizeSelectors(selectors)).coverage;
    return {
      fingerprint: trailFingerprint({ ...state, managementEvents: coverage }),
      multiRegion: Boolean(state.isMultiRegionTrail),
      managementEvents: coverage,
      calls: 2,
    };
  } catch (err) {
    if (NOT_FOUND.test(classifyError(err).code)) return { fingerprint: null, calls: 2 };
    throw err;
  }
}

export async function checkAccount(ctx: RunContext, input: CheckInput): Promise<CheckOutcome> {
  const { accountId } = input;
  const changes: string[] = [];
  const trails = input.trails.map((t) => ({ ...t }));
  let calls = 0;

  // 1. Status of the trails whose stop can move a verdict.
  const gone = new Set<string>();
  const checked = new Set(pickStatusChecks(trails).map((t) => t.arn));
  await Promise.all(
    trails
      .filter((t) => checked.has(t.arn))
      .map(async (t) => {
        calls += 1;
        try {
          const s = await ctx
            .client("cloudtrail", accountId, t.homeRegion)
            .send(new GetTrailStatusCommand({ Name: t.arn }));
          const logging = Boolean(s.IsLogging);
          if (t.isLogging !== null && logging !== t.isLogging)
            changes.push(`${logging ? "logging started" : "logging stopped"} on ${t.arn}`);
          t.isLogging = logging;
        } catch (err) {
          if (!NOT_FOUND.test(classifyError(err).code)) throw err;
          gone.add(t.arn);
          changes.push(`trail deleted: ${t.arn}`);
        }
      }),
  );

  // 2. Event history: who did it, and mutations status cannot show (selectors, KMS, validation).
  const regions = [...new Set([ctx.settings.primaryRegion, ...trails.map((t) => t.homeRegion)])].sort();
  const watermarks = { ...input.watermarks };
  const events: TrailEventRecord[] = [];
  for (const region of regions) {
    const since = watermarks[region] ? new Date(watermarks[region]) : input.since;
    const read = await readTrailEvents(ctx, accountId, region, since);
    calls += read.calls;
    events.push(...read.events);
    watermarks[region] = read.watermark.toISOString();
  }
  const fresh = await storeTrailEvents(events);

  // 3. The trails not status-checked: their stops, starts and deletions, from the events.
  const successful = fresh.filter((e) => !e.errorCode).sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
  for (const t of trails) {
    if (checked.has(t.arn) || gone.has(t.arn)) continue;
    for (const e of successful.filter((x) => x.trailArn === t.arn)) {
      if (e.eventName === "DeleteTrail") {
        gone.add(t.arn);
        changes.push(`trail deleted: ${t.arn}`);
        break;
      } else if (e.eventName === "StopLogging" || e.eventName === "StartLogging") {
        const logging = e.eventName === "StartLogging";
        if (t.isLogging !== logging) changes.push(`${logging ? "logging started" : "logging stopped"} on ${t.arn}`);
        t.isLogging = logging;
      }
    }
  }

  // 4. Only when something moved: re-read the configuration of the trails concerned.
  if (successful.some((e) => e.eventName === "CreateTrail")) changes.push("a trail was created");
  if (successful.some((e) => /EventDataStore/.test(e.eventName))) changes.push("an event data store changed");
  const suspects = trails.filter(
    (t) =>
      !gone.has(t.arn) &&
      successful.some(
        (e) =>
          e.trailArn === t.arn && ["UpdateTrail", "PutEventSelectors", "PutInsightSelectors"].includes(e.eventName),
      ),
  );
  for (const t of suspects) {
    const now = await readFingerprint(ctx, t);
    calls += now.calls;
    if (now.fingerprint === null) {
      gone.add(t.arn);
      changes.push(`trail deleted: ${t.arn}`);
    } else if (now.fingerprint !== t.fingerprint) {
      changes.push(`configuration changed on ${t.arn}`);
      t.fingerprint = now.fingerprint;
    }
    if (now.fingerprint !== null)
      Object.assign(t, { multiRegion: now.multiRegion, managementEvents: now.managementEvents });
  }
  const touched = (arn: string) => changes.some((c) => c.endsWith(arn));
  return {
    accountId,
    changes,
    organizationWide: input.trails.some((t) => t.organization && touched(t.arn)),
    trails: trails.filter((t) => !gone.has(t.arn)),
    calls,
    error: null,
    watermarks,
    events: fresh,
  };
}
