// What of each raw AWS response may be kept as evidence. Raw responses are stored with every
// snapshot and shown to every viewer, so each kind the collector stores is listed here with what
// must not be kept: SNS subscriber endpoints are webhook URLs with keys in them, PagerDuty
// integration URLs, phone numbers and e-mail addresses. The evidence keeps what the verdicts rest
// on (how many subscriptions, their protocols, whether confirmed) and drops the endpoint.
// A test (tests/unit/collect/redact-evidence.test.ts) fails when the collector calls an operation
// that is not listed here, so a new call must be classified before its response is stored.

/** A path into a response; "*" matches every element of an array (or value of an object). */
type Path = readonly string[];

export const RAW_EVIDENCE_POLICY: Readonly<Record<string, { redact: readonly Path[] }>> = {
  // Subscriber endpoints (URLs with keys, e-mails, phone numbers, queue and function ARNs).
  "sns:ListSubscriptionsByTopic": { redact: [["Subscriptions", "*", "Endpoint"]] },
  // Configuration and status of trails, buckets, log groups, alarms and the organization: names,
  // ARNs, flags and times, no credentials or subscriber details.
  "cloudtrail:ListTrails": { redact: [] },
  "cloudtrail:DescribeTrails": { redact: [] },
  "cloudtrail:GetTrail": { redact: [] },
  "cloudtrail:GetTrailStatus": { redact: [] },
  "cloudtrail:GetEventSelectors": { redact: [] },
  "cloudtrail:GetInsightSelectors": { redact: [] },
  "cloudtrail:ListTags": { redact: [] },
  "cloudtrail:ListEventDataStores": { redact: [] },
  "cloudtrail:GetEventDataStore": { redact: [] },
  "cloudwatch:DescribeAlarms": { redact: [] },
  "logs:DescribeLogGroups": { redact: [] },
  "logs:DescribeMetricFilters": { redact: [] },
  "s3:ListBuckets": { redact: [] },
  "s3:GetBucketLogging": { redact: [] },
  "s3:GetPublicAccessBlock": { redact: [] },
  "s3:GetBucketPolicyStatus": { redact: [] },
  "ec2:DescribeRegions": { redact: [] },
  "organizations:DescribeOrganization": { redact: [] },
  "organizations:ListRoots": { redact: [] },
  "organizations:ListOrganizationalUnitsForParent": { redact: [] },
  "organizations:ListAccountsForParent": { redact: [] },
  "securityhub:ListOrganizationAdminAccounts": { redact: [] },
  "securityhub:GetFindings": { redact: [] },
  // Credentials are dropped by trimResponse (call-recorder.ts); only the assumed role's ids remain.
  "sts:AssumeRole": { redact: [] },
};

/** Keys redacted in any response, listed or not (defence in depth for kinds added later). */
const ALWAYS_REDACTED = new Set(["Endpoint"]);

/** What replaces a redacted value: says what was there without saying what it was. */
function placeholder(parent: Record<string, unknown>): string {
  const protocol = typeof parent.Protocol === "string" ? parent.Protocol : null;
  return protocol ? `[redacted ${protocol} endpoint]` : "[redacted]";
}

function redactPath(value: unknown, path: Path): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return head === "*" ? value.map((v) => redactPath(v, rest)) : value;
  const obj = value as Record<string, unknown>;
  if (rest.length === 0) {
    if (!(head! in obj)) return value;
    return { ...obj, [head!]: placeholder(obj) };
  }
  if (head === "*") return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, redactPath(v, rest)]));
  return head! in obj ? { ...obj, [head!]: redactPath(obj[head!], rest) } : value;
}

function redactAlways(value: unknown, depth = 0): unknown {
  if (depth > 40 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactAlways(v, depth + 1));
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = ALWAYS_REDACTED.has(k) && typeof v === "string" ? placeholder(obj) : redactAlways(v, depth + 1);
  return out;
}

/** `operation` is "service:Operation". Used when storing a response and again when showing one. */
export function redactRawEvidence(operation: string, value: unknown): unknown {
  let out = value;
  for (const path of RAW_EVIDENCE_POLICY[operation]?.redact ?? []) out = redactPath(out, path);
  return redactAlways(out);
}

/** A stored raw entry's key ("service Operation account region resource", maybe "shared ") as "service:Operation". */
export function operationOfRawKey(key: string): string {
  const [service, operation] = (key.startsWith("shared ") ? key.slice(7) : key).split(" ");
  return `${service ?? ""}:${operation ?? ""}`;
}

/** A snapshot's stored raw evidence as it may be shown: also cleans what was stored before redaction existed. */
export function redactStoredRaw(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, redactRawEvidence(operationOfRawKey(key), value)]),
  );
}
