// Fault injection for the simulator's proxy: latency, throttling at a rate, and targeted faults
// (AccessDenied on one account or call, a region that refuses the credentials, a call that never
// answers), each in the service's own error format.
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import type { AwsCall } from "@/sim/proxy/describe-call";
import type { ProxyAnswer } from "@/sim/proxy/aws-errors";
import { awsError } from "@/sim/proxy/aws-errors";

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

export interface FaultOptions {
  latencyMs?: number;
  /** Fraction of all calls answered with the service's throttling error. */
  throttleRate?: number;
  rules?: FaultRule[];
  random?: () => number;
}

export interface FaultInterceptor extends ProxyInterceptor {
  stats: { throttled: number; faults: number };
  setRules(rules: FaultRule[]): void;
  setThrottleRate(rate: number): void;
}

const CODES: Record<Exclude<Fault, "timeout">, Record<AwsCall["protocol"], [number, string]>> = {
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

export function faultAnswer(call: AwsCall, fault: Exclude<Fault, "timeout">): ProxyAnswer {
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
  return awsError(call, status, code, message);
}

function matches(rule: FaultRule, call: AwsCall): boolean {
  return (
    (!rule.service || rule.service === call.service) &&
    (!rule.operation || rule.operation === call.operation) &&
    (!rule.region || rule.region === call.region) &&
    (!rule.accountId || rule.accountId === call.accountId)
  );
}

export function faultInterceptor(options: FaultOptions = {}): FaultInterceptor {
  const random = options.random ?? Math.random;
  let rules = options.rules ?? [];
  let throttleRate = options.throttleRate ?? 0;
  const stats = { throttled: 0, faults: 0 };
  return {
    name: "faults",
    stats,
    setRules: (r) => {
      rules = r;
    },
    setThrottleRate: (r) => {
      throttleRate = r;
    },
    async intercept(call) {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const rule = rules.find((r) => matches(r, call) && random() < (r.probability ?? 1));
      if (rule) {
        stats.faults += 1;
        return rule.fault === "timeout" ? "hang" : faultAnswer(call, rule.fault);
      }
      if (throttleRate > 0 && random() < throttleRate) {
        stats.throttled += 1;
        return faultAnswer(call, "throttle");
      }
      return undefined;
    },
  };
}
