// A small HTTP proxy on 127.0.0.1 in front of moto, for what moto cannot do: latency, throttling
// and targeted failures (AccessDenied on one account or call, a region that refuses the
// credentials, a call that never answers). Each fault is answered in the service's own protocol,
// so the SDK parses it exactly as it would AWS's: JSON (`__type`) for CloudTrail, CloudWatch Logs,
// CloudWatch, Organizations and Security Hub; query XML for STS and SNS; EC2's XML; S3's XML.
//
// Library: startThrottleProxy({ target, latencyMs, throttleRate, rules }).
// Command:  npx tsx bench/throttle-proxy.ts --target http://127.0.0.1:5000 [--port 0] [--latency 100] [--throttle 0.05]
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export type Fault = "throttle" | "access_denied" | "unrecognized_client" | "timeout";

export interface FaultRule {
  fault: Fault;
  service?: string;
  operation?: string;
  region?: string;
  /** The account the call acts in (learnt from AssumeRole responses passing through). */
  accountId?: string;
  /** Fraction of matching calls (default 1). */
  probability?: number;
}

export interface ProxyOptions {
  target: string;
  port?: number;
  latencyMs?: number;
  /** Fraction of all calls answered with the service's throttling error. */
  throttleRate?: number;
  rules?: FaultRule[];
  random?: () => number;
}

export interface ProxyStats {
  requests: number;
  throttled: number;
  faults: number;
  byOperation: Record<string, number>;
}

export interface ThrottleProxy {
  endpoint: string;
  stats: ProxyStats;
  setRules(rules: FaultRule[]): void;
  setThrottleRate(rate: number): void;
  stop(): Promise<void>;
}

interface CallInfo {
  service: string;
  region: string;
  operation: string;
  accountId?: string;
  accessKey?: string;
  protocol: "json" | "rest-json" | "query" | "ec2" | "s3";
}

const S3_OPS: [string, string][] = [
  ["logging", "GetBucketLogging"],
  ["publicAccessBlock", "GetPublicAccessBlock"],
  ["policyStatus", "GetBucketPolicyStatus"],
];

function describeCall(req: http.IncomingMessage, body: string, keyAccounts: Map<string, string>): CallInfo {
  const auth = String(req.headers.authorization ?? "");
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(auth);
  const accessKey = m?.[1];
  const region = m?.[2] ?? "";
  const service = m?.[3] ?? "";
  const target = req.headers["x-amz-target"];
  let operation = "";
  let protocol: CallInfo["protocol"];
  if (typeof target === "string") {
    protocol = "json";
    operation = target.split(".").pop() ?? "";
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
  } else {
    protocol = service === "ec2" ? "ec2" : "query";
    operation = new URLSearchParams(body).get("Action") ?? "";
  }
  let accountId = accessKey ? keyAccounts.get(accessKey) : undefined;
  if (operation === "AssumeRole") accountId = /arn:[^:]+:iam::(\d{12}):role/.exec(decodeURIComponent(body))?.[1];
  return { service, region, operation, accountId, accessKey, protocol };
}

const CODES: Record<Exclude<Fault, "timeout">, Record<CallInfo["protocol"], [number, string]>> = {
  throttle: {
    json: [400, "ThrottlingException"],
    "rest-json": [429, "TooManyRequestsException"],
    query: [400, "Throttling"],
    ec2: [503, "RequestLimitExceeded"],
    s3: [503, "SlowDown"],
  },
  access_denied: {
    json: [400, "AccessDeniedException"],
    "rest-json": [403, "AccessDeniedException"],
    query: [403, "AccessDenied"],
    ec2: [403, "UnauthorizedOperation"],
    s3: [403, "AccessDenied"],
  },
  unrecognized_client: {
    json: [400, "UnrecognizedClientException"],
    "rest-json": [403, "UnrecognizedClientException"],
    query: [403, "InvalidClientTokenId"],
    ec2: [401, "AuthFailure"],
    s3: [403, "InvalidAccessKeyId"],
  },
};

function errorResponse(res: http.ServerResponse, call: CallInfo, fault: Exclude<Fault, "timeout">): void {
  const [status, baseCode] = CODES[fault][call.protocol];
  let code = baseCode;
  // Services with their own names for the same thing.
  if (fault === "throttle" && call.service === "organizations") code = "TooManyRequestsException";
  if (fault === "throttle" && call.service === "monitoring") code = "Throttling";
  const message =
    fault === "throttle"
      ? "Rate exceeded"
      : fault === "access_denied"
        ? `User is not authorized to perform: ${call.service}:${call.operation}`
        : "The security token included in the request is invalid.";
  const requestId = `proxy-${Math.random().toString(16).slice(2)}`;
  if (call.protocol === "json" || call.protocol === "rest-json") {
    const headers: Record<string, string> = {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-errortype": code,
      "x-amzn-requestid": requestId,
    };
    // CloudWatch speaks JSON but keeps its query-protocol error codes in this header.
    if (call.service === "monitoring") headers["x-amzn-query-error"] = `${code};Sender`;
    res.writeHead(status, headers).end(JSON.stringify({ __type: code, message }));
  } else if (call.protocol === "ec2") {
    res
      .writeHead(status, { "content-type": "text/xml" })
      .end(
        `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      );
  } else if (call.protocol === "s3") {
    res
      .writeHead(status, { "content-type": "application/xml" })
      .end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
      );
  } else {
    res
      .writeHead(status, { "content-type": "text/xml" })
      .end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
  }
}

function matches(rule: FaultRule, call: CallInfo): boolean {
  return (
    (!rule.service || rule.service === call.service) &&
    (!rule.operation || rule.operation === call.operation) &&
    (!rule.region || rule.region === call.region) &&
    (!rule.accountId || rule.accountId === call.accountId)
  );
}

export async function startThrottleProxy(options: ProxyOptions): Promise<ThrottleProxy> {
  const target = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const random = options.random ?? Math.random;
  let rules = options.rules ?? [];
  let throttleRate = options.throttleRate ?? 0;
  const keyAccounts = new Map<string, string>(); // access key id → account, from AssumeRole answers
  const stats: ProxyStats = { requests: 0, throttled: 0, faults: 0, byOperation: {} };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const call = describeCall(req, body.toString("utf8"), keyAccounts);
      stats.requests += 1;
      stats.byOperation[`${call.service}:${call.operation}`] =
        (stats.byOperation[`${call.service}:${call.operation}`] ?? 0) + 1;
      const respond = () => {
        const rule = rules.find((r) => matches(r, call) && random() < (r.probability ?? 1));
        if (rule) {
          stats.faults += 1;
          if (rule.fault === "timeout") {
            hanging.add(res); // never answered: the client's timeout must fire
            res.on("close", () => hanging.delete(res));
            return;
          }
          return errorResponse(res, call, rule.fault);
        }
        if (throttleRate > 0 && random() < throttleRate) {
          stats.throttled += 1;
          return errorResponse(res, call, "throttle");
        }
        forward(req, body, call, res);
      };
      if (options.latencyMs) setTimeout(respond, options.latencyMs);
      else respond();
    });
  });

  const forward = (req: http.IncomingMessage, body: Buffer, call: CallInfo, res: http.ServerResponse) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (up) => {
        if (call.operation !== "AssumeRole") {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        up.on("data", (c: Buffer) => parts.push(c));
        up.on("end", () => {
          const xml = Buffer.concat(parts).toString("utf8");
          const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml)?.[1];
          if (key && call.accountId) keyAccounts.set(key, call.accountId);
          res.writeHead(up.statusCode ?? 502, up.headers).end(xml);
        });
      },
    );
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`proxy: ${err.message}`);
    });
    upstream.end(body);
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setRules: (r) => {
      rules = r;
    },
    setThrottleRate: (r) => {
      throttleRate = r;
    },
    stop: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// Run as a command: prints the endpoint on stdout's first line, runs until SIGINT/SIGTERM.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const targetUrl = arg("target");
  if (!targetUrl) {
    console.error(
      "usage: tsx bench/throttle-proxy.ts --target http://127.0.0.1:PORT [--port 0] [--latency MS] [--throttle FRACTION]",
    );
    process.exit(2);
  }
  const proxy = await startThrottleProxy({
    target: targetUrl,
    port: Number(arg("port") ?? 0),
    latencyMs: Number(arg("latency") ?? 0),
    throttleRate: Number(arg("throttle") ?? 0),
  });
  console.log(proxy.endpoint);
  const stop = async () => {
    console.error(JSON.stringify({ requests: proxy.stats.requests, throttled: proxy.stats.throttled }));
    await proxy.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
