// Names an AWS API call passing through the simulator's proxy: which service, region, operation
// and account it acts in, and in which wire protocol it must be answered.
import type http from "node:http";

export type WireProtocol = "json" | "rest-json" | "query" | "ec2" | "s3";

export interface AwsCall {
  service: string;
  region: string;
  operation: string;
  /** The account the call acts in (learnt from AssumeRole answers passing through; absent for the default credentials). */
  accountId?: string;
  accessKey?: string;
  protocol: WireProtocol;
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The JSON body of a json/rest-json call, the form fields of a query call; undefined otherwise. */
  input: Record<string, unknown> | undefined;
}

const S3_OPS: [string, string][] = [
  ["logging", "GetBucketLogging"],
  ["publicAccessBlock", "GetPublicAccessBlock"],
  ["policyStatus", "GetBucketPolicyStatus"],
];

export function describeCall(req: http.IncomingMessage, body: Buffer, keyAccounts: Map<string, string>): AwsCall {
  const text = body.toString("utf8");
  const auth = String(req.headers.authorization ?? "");
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(auth);
  const accessKey = m?.[1];
  const region = m?.[2] ?? "";
  const service = m?.[3] ?? "";
  const target = req.headers["x-amz-target"];
  let operation = "";
  let protocol: WireProtocol;
  let input: Record<string, unknown> | undefined;
  if (typeof target === "string") {
    protocol = "json";
    operation = target.split(".").pop() ?? "";
    input = parseJson(text);
  } else if (service === "s3") {
    protocol = "s3";
    const url = new URL(req.url ?? "/", "http://x");
    operation =
      url.pathname === "/"
        ? "ListBuckets"
        : (S3_OPS.find(([q]) => url.searchParams.has(q))?.[1] ?? `${req.method} ${url.pathname}`);
  } else if (service === "securityhub") {
    protocol = "rest-json";
    const p = (req.url ?? "").split("?")[0];
    operation =
      p === "/findings"
        ? "GetFindings"
        : p === "/organization/admin"
          ? "ListOrganizationAdminAccounts"
          : `${req.method} ${p}`;
    input = parseJson(text);
  } else {
    protocol = service === "ec2" ? "ec2" : "query";
    const form = new URLSearchParams(text);
    operation = form.get("Action") ?? "";
    input = Object.fromEntries(form);
  }
  let accountId = accessKey ? keyAccounts.get(accessKey) : undefined;
  if (operation === "AssumeRole") accountId = /arn:[^:]+:iam::(\d{12}):role/.exec(decodeURIComponent(text))?.[1];
  return {
    service,
    region,
    operation,
    accountId,
    accessKey,
    protocol,
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    body,
    input,
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
