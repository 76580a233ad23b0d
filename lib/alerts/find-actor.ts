// Who caused a change, from the CloudTrail events the watch read (TrailEvent): the newest
// successful event of the given names on the trail (or, without a trail, in the account) since a
// time. AWS's event history lags a few minutes, so an alert fired before the event arrived carries
// no actor; the alerts page shows the actor once the event is read.
import "server-only";
import { db } from "@/lib/db";

export interface AlertActor {
  arn: string | null;
  sourceIp: string | null;
  eventTime: string;
  eventName: string;
  requestParameters: unknown;
}

export async function findActor(input: {
  /** The account, and the organization trail's owner when its trail may be the one that changed. */
  accountId: string | string[];
  trailArn?: string | null;
  eventNames: string[];
  since: Date;
}): Promise<AlertActor | null> {
  const e = await db.trailEvent.findFirst({
    where: {
      accountId: { in: Array.isArray(input.accountId) ? input.accountId : [input.accountId] },
      eventName: { in: input.eventNames },
      errorCode: null,
      eventTime: { gte: input.since },
      ...(input.trailArn ? { trailArn: input.trailArn } : {}),
    },
    orderBy: { eventTime: "desc" },
  });
  if (!e) return null;
  return {
    arn: e.actorArn,
    sourceIp: e.sourceIp,
    eventTime: e.eventTime.toISOString(),
    eventName: e.eventName,
    requestParameters: e.requestParameters,
  };
}

/** The events that explain a control's regression, by control (CloudTrail's own mutations). */
export const EXPLAINING_EVENTS = [
  "StopLogging",
  "DeleteTrail",
  "UpdateTrail",
  "PutEventSelectors",
  "DeleteEventDataStore",
];
