// SDK shapes of CloudTrail responses → the snapshot's normalized trail state. Pure functions:
// faithful to what AWS said (an empty selector list stays empty, a missing one becomes null), with
// the API's documented defaults only where AWS omits a field it defines a default for.
import type {
  AdvancedEventSelector as SdkAdvanced,
  EventSelector as SdkBasic,
  GetTrailStatusCommandOutput,
  Trail,
} from "@aws-sdk/client-cloudtrail";
import type {
  AdvancedEventSelector,
  AdvancedFieldSelector,
  BasicEventSelector,
  EventSelectorsState,
  TrailState,
  TrailStatusState,
} from "@/lib/collect/snapshot-types";

/** The account id inside an ARN (`arn:aws:cloudtrail:us-east-1:123456789012:trail/x`). */
export function arnAccount(arn: string): string {
  return arn.split(":")[4] ?? "";
}

export function arnRegion(arn: string): string {
  return arn.split(":")[3] ?? "";
}

/** An ISO time from an SDK Date or string; undefined for the empty strings an emulator returns. */
export function isoTime(v: Date | string | undefined | null): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === "string" && v.trim() !== "") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  return undefined;
}

function nonEmpty(v: string | undefined | null): string | undefined {
  return v ? v : undefined;
}

export function normalizeTrail(t: Trail, fallbackHomeRegion: string, appliesVia: TrailState["appliesVia"]): TrailState {
  const arn = t.TrailARN ?? "";
  return {
    arn,
    name: t.Name ?? arn.split("/").pop() ?? "",
    homeRegion: t.HomeRegion || arnRegion(arn) || fallbackHomeRegion,
    ownerAccountId: arnAccount(arn),
    appliesVia,
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false,
    s3BucketName: nonEmpty(t.S3BucketName),
    s3KeyPrefix: nonEmpty(t.S3KeyPrefix),
    snsTopicArn: nonEmpty(t.SnsTopicARN),
    kmsKeyId: nonEmpty(t.KmsKeyId),
    logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
    cloudWatchLogsLogGroupArn: nonEmpty(t.CloudWatchLogsLogGroupArn),
    cloudWatchLogsRoleArn: nonEmpty(t.CloudWatchLogsRoleArn),
    hasCustomEventSelectors: t.HasCustomEventSelectors,
    hasInsightSelectors: t.HasInsightSelectors,
    status: null,
    eventSelectors: null,
    insightSelectors: null,
    tags: null,
  };
}

export function normalizeStatus(s: GetTrailStatusCommandOutput): TrailStatusState {
  const out: TrailStatusState = { isLogging: s.IsLogging ?? false };
  const set = (key: keyof Omit<TrailStatusState, "isLogging">, v: string | undefined) => {
    if (v) out[key] = v;
  };
  set("latestDeliveryTime", isoTime(s.LatestDeliveryTime));
  set("latestDeliveryError", nonEmpty(s.LatestDeliveryError));
  set("latestCloudWatchLogsDeliveryTime", isoTime(s.LatestCloudWatchLogsDeliveryTime));
  set("latestCloudWatchLogsDeliveryError", nonEmpty(s.LatestCloudWatchLogsDeliveryError));
  set("latestDigestDeliveryTime", isoTime(s.LatestDigestDeliveryTime));
  set("latestDigestDeliveryError", nonEmpty(s.LatestDigestDeliveryError));
  set("startLoggingTime", isoTime(s.StartLoggingTime));
  set("stopLoggingTime", isoTime(s.StopLoggingTime));
  set("timeLoggingStarted", isoTime(s.TimeLoggingStarted));
  set("timeLoggingStopped", isoTime(s.TimeLoggingStopped));
  return out;
}

function normalizeBasic(e: SdkBasic): BasicEventSelector {
  return {
    // AWS's documented defaults for fields it leaves out.
    readWriteType: e.ReadWriteType ?? "All",
    includeManagementEvents: e.IncludeManagementEvents ?? true,
    excludeManagementEventSources: e.ExcludeManagementEventSources ?? [],
    dataResources: (e.DataResources ?? []).map((d) => ({ type: d.Type ?? "", values: d.Values ?? [] })),
  };
}

function normalizeAdvanced(e: SdkAdvanced): AdvancedEventSelector {
  const fieldSelectors = (e.FieldSelectors ?? []).map((f) => {
    const fs: AdvancedFieldSelector = { field: f.Field ?? "" };
    if (f.Equals) fs.equals = f.Equals;
    if (f.NotEquals) fs.notEquals = f.NotEquals;
    if (f.StartsWith) fs.startsWith = f.StartsWith;
    if (f.NotStartsWith) fs.notStartsWith = f.NotStartsWith;
    if (f.EndsWith) fs.endsWith = f.EndsWith;
    if (f.NotEndsWith) fs.notEndsWith = f.NotEndsWith;
    return fs;
  });
  return e.Name ? { name: e.Name, fieldSelectors } : { fieldSelectors };
}

export function normalizeSelectors(out: {
  EventSelectors?: SdkBasic[];
  AdvancedEventSelectors?: SdkAdvanced[];
}): EventSelectorsState {
  return {
    basic: out.EventSelectors ? out.EventSelectors.map(normalizeBasic) : null,
    advanced: out.AdvancedEventSelectors ? out.AdvancedEventSelectors.map(normalizeAdvanced) : null,
  };
}
