// CloudTrail event history for the simulator: moto has no LookupEvents. This interceptor records
// every CloudTrail mutation it sees moto answer (StopLogging, DeleteTrail, PutEventSelectors, ...)
// per account and region, with the caller's identity (the assumed role's ARN learnt from the
// AssumeRole answers passing through, or moto's default user), and answers LookupEvents from that
// record as AWS's 90-day event history would: newest first, one lookup attribute at most,
// StartTime/EndTime, MaxResults 1–50, NextToken paging. `POST /moto-api/reset` forgets it all.
import { randomUUID } from "node:crypto";
import type { ProxyContext, ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { jsonAnswer } from "@/sim/proxy/aws-errors";
import type { AwsCall } from "@/sim/proxy/describe-call";

/** moto's own answer to GetCallerIdentity with its default credentials. */
const DEFAULT_ACCOUNT = "123456789012";
const DEFAULT_USER_ARN = `arn:aws:iam::${DEFAULT_ACCOUNT}:user/moto`;
const MUTATION = /^(Create|Update|Delete|Put|Start|Stop|Add|Remove|Register|Deregister|Enable|Disable|Cancel|Restore)/;
const ATTRIBUTES = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;

export interface RecordedEvent {
  eventId: string;
  eventName: string;
  eventTime: Date;
  accountId: string;
  region: string;
  accessKeyId: string;
  username: string;
  resources: { type: string; name: string }[];
  /** The CloudTrail record, serialized as LookupEvents returns it. */
  cloudTrailEvent: string;
}

export interface LookupEventsInterceptor extends ProxyInterceptor {
  /** Everything recorded, oldest first (tests and the demo read it). */
  events(): readonly RecordedEvent[];
  clear(): void;
}

interface Identity {
  arn: string;
  type: "AssumedRole" | "IAMUser";
  accountId: string;
  principalId: string;
  username: string;
}

function lowerFirst(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

function trailResource(call: AwsCall, accountId: string): { type: string; name: string }[] {
  const name = call.input?.Name ?? call.input?.TrailName ?? call.input?.EventDataStore;
  if (typeof name !== "string" || !name) return [];
  if (call.input?.EventDataStore) return [{ type: "AWS::CloudTrail::EventDataStore", name }];
  const arn = name.startsWith("arn:") ? name : `arn:aws:cloudtrail:${call.region}:${accountId}:trail/${name}`;
  return [{ type: "AWS::CloudTrail::Trail", name: arn }];
}

function errorCodeOf(body: Buffer): { code: string; message: string } | null {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { __type?: string; message?: string; Message?: string };
    return {
      code: (parsed.__type ?? "UnknownError").split("#").pop()!,
      message: parsed.message ?? parsed.Message ?? "",
    };
  } catch {
    return { code: "UnknownError", message: "" };
  }
}

export function lookupEventsInterceptor(options: { now?: () => Date } = {}): LookupEventsInterceptor {
  const now = options.now ?? (() => new Date());
  const identities = new Map<string, Identity>(); // access key id → who it is
  let recorded: RecordedEvent[] = [];

  const identityOf = (call: AwsCall): Identity => {
    const known = call.accessKey ? identities.get(call.accessKey) : undefined;
    if (known) return known;
    return {
      arn: DEFAULT_USER_ARN,
      type: "IAMUser",
      accountId: DEFAULT_ACCOUNT,
      principalId: call.accessKey ?? "AIDADEFAULT",
      username: "moto",
    };
  };

  const record = (call: AwsCall, status: number, body: Buffer) => {
    const who = identityOf(call);
    const accountId = actingAccount(call);
    const eventTime = now();
    const eventId = randomUUID();
    const failure = status >= 400 ? errorCodeOf(body) : null;
    const resources = trailResource(call, accountId);
    const sourceIp = String(call.headers["x-forwarded-for"] ?? "127.0.0.1")
      .split(",")[0]!
      .trim();
    const event = {
      eventVersion: "1.09",
      userIdentity: {
        type: who.type,
        principalId: who.principalId,
        arn: who.arn,
        accountId: who.accountId,
        accessKeyId: call.accessKey ?? "",
        ...(who.type === "IAMUser" ? { userName: who.username } : {}),
      },
      eventTime: eventTime.toISOString().replace(/\.\d{3}Z$/, "Z"),
      eventSource: "cloudtrail.amazonaws.com",
      eventName: call.operation,
      awsRegion: call.region,
      sourceIPAddress: sourceIp,
      userAgent: String(call.headers["user-agent"] ?? ""),
      ...(failure ? { errorCode: failure.code, errorMessage: failure.message } : {}),
      requestParameters: call.input ? lowerFirst(call.input) : null,
      responseElements: null,
      requestID: randomUUID(),
      eventID: eventId,
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: accountId,
      eventCategory: "Management",
    };
    recorded.push({
      eventId,
      eventName: call.operation,
      eventTime,
      accountId,
      region: call.region,
      accessKeyId: call.accessKey ?? "",
      username: who.username,
      resources,
      cloudTrailEvent: JSON.stringify(event),
    });
  };

  const lookup = (call: AwsCall, ctx: ProxyContext) => {
    const input = call.input ?? {};
    const attrs = Array.isArray(input.LookupAttributes)
      ? (input.LookupAttributes as { AttributeKey?: string; AttributeValue?: string }[])
      : [];
    if (attrs.length > 1)
      return ctx.awsError(
        call,
        400,
        "InvalidLookupAttributesException",
        "You cannot specify more than one lookup attribute.",
      );
    const attr = attrs[0];
    if (attr && !(ATTRIBUTES as readonly string[]).includes(attr.AttributeKey ?? ""))
      return ctx.awsError(call, 400, "InvalidLookupAttributesException", `Invalid AttributeKey: ${attr.AttributeKey}`);
    const maxResults = input.MaxResults === undefined ? 50 : Number(input.MaxResults);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
      return ctx.awsError(call, 400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
    const start = input.StartTime === undefined ? null : epoch(input.StartTime);
    const end = input.EndTime === undefined ? null : epoch(input.EndTime);
    if (start !== null && end !== null && start > end)
      return ctx.awsError(call, 400, "InvalidTimeRangeException", "StartTime must be before EndTime.");
    let offset = 0;
    if (typeof input.NextToken === "string") {
      offset = Number.parseInt(Buffer.from(input.NextToken, "base64").toString("utf8"), 10);
      if (!Number.isInteger(offset) || offset < 0)
        return ctx.awsError(call, 400, "InvalidNextTokenException", "Invalid NextToken.");
    }
    const accountId = actingAccount(call);
    const matching = recorded
      .filter((e) => e.accountId === accountId && e.region === call.region)
      .filter(
        (e) => (start === null || e.eventTime.getTime() >= start) && (end === null || e.eventTime.getTime() <= end),
      )
      .filter((e) => !attr || matchesAttribute(e, attr.AttributeKey!, attr.AttributeValue ?? ""))
      .reverse();
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + maxResults < matching.length ? offset + maxResults : null;
    return jsonAnswer({
      Events: page.map((e) => ({
        EventId: e.eventId,
        EventName: e.eventName,
        ReadOnly: "false",
        AccessKeyId: e.accessKeyId,
        EventTime: e.eventTime.getTime() / 1000,
        EventSource: "cloudtrail.amazonaws.com",
        Username: e.username,
        Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
        CloudTrailEvent: e.cloudTrailEvent,
      })),
      ...(next !== null ? { NextToken: Buffer.from(String(next)).toString("base64") } : {}),
    });
  };

  return {
    name: "lookup-events",
    events: () => recorded,
    clear: () => {
      recorded = [];
      identities.clear();
    },
    intercept(call, ctx) {
      if (call.service === "cloudtrail" && call.operation === "LookupEvents") return lookup(call, ctx);
      return undefined;
    },
    observe(call, answer) {
      if (call.method === "POST" && call.url.startsWith("/moto-api/reset")) {
        recorded = [];
        identities.clear();
        return;
      }
      if (call.service === "sts" && call.operation === "AssumeRole" && answer.status === 200) {
        const text = answer.body.toString("utf8");
        const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(text)?.[1];
        const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
        const id = /<AssumedRoleId>([^<]+)<\/AssumedRoleId>/.exec(text)?.[1];
        const account = arn ? /^arn:[^:]+:sts::(\d{12}):/.exec(arn)?.[1] : undefined;
        if (key && arn && account)
          identities.set(key, {
            arn,
            type: "AssumedRole",
            accountId: account,
            principalId: id ?? key,
            username: arn.split("/").pop() ?? arn,
          });
        return;
      }
      // 5xx is the emulator failing (an operation it lacks), not a call AWS would have recorded.
      if (call.service !== "cloudtrail" || !MUTATION.test(call.operation) || answer.status >= 500) return;
      record(call, answer.status, answer.body);
    },
  };
}

/** The account a call acts in: moto's routing header (bulk seeds), the assumed role's account, or moto's default. */
function actingAccount(call: AwsCall): string {
  const routed = call.headers["x-moto-account-id"];
  if (typeof routed === "string" && /^\d{12}$/.test(routed)) return routed;
  return call.accountId ?? DEFAULT_ACCOUNT;
}

function epoch(value: unknown): number | null {
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string") {
    const n = Number(value);
    return Number.isFinite(n) ? n * 1000 : Date.parse(value);
  }
  return null;
}

function matchesAttribute(e: RecordedEvent, key: string, value: string): boolean {
  switch (key) {
    case "EventId":
      return e.eventId === value;
    case "EventName":
      return e.eventName === value;
    case "ReadOnly":
      return value === "false";
    case "Username":
      return e.username === value;
    case "ResourceType":
      return e.resources.some((r) => r.type === value);
    case "ResourceName":
      return e.resources.some((r) => r.name === value || r.name.endsWith(`/${value}`));
    case "EventSource":
      return value === "cloudtrail.amazonaws.com";
    case "AccessKeyId":
      return e.accessKeyId === value;
    default:
      return false;
  }
}
