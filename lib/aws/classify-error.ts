// Turns whatever the SDK threw into one of the snapshot's ErrorKinds, so a failed call is recorded
// as "AccessDenied on GetTrailStatus" rather than a stack trace, and so the retry strategy and the
// collector agree on what is worth retrying.

/** How a failed AWS call is recorded in a snapshot. */
export type ErrorKind =
  | "access_denied"
  | "throttled"
  | "region_disabled"
  | "timeout"
  | "unsupported" // the endpoint does not implement the operation (e.g. an emulator gap)
  | "not_found"
  | "network"
  | "other";

export interface ClassifiedError {
  kind: ErrorKind;
  code: string;
  message: string;
  httpStatus?: number;
}

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

const ACCESS_DENIED = new RegExp(
  "^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden|" +
    "NotAuthorized|AccessDeniedForDependencyException|AllAccessDisabled)$",
);
const THROTTLED = new RegExp(
  "^(Throttling|ThrottlingException|ThrottledException|TooManyRequestsException|RequestLimitExceeded|" +
    "RequestThrottled|RequestThrottledException|SlowDown|ProvisionedThroughputExceededException|Throttled)$",
);
// In an opt-in region that is not enabled, STS-issued credentials are unknown to the region's
// endpoints, so these come back instead of AccessDenied.
const REGION_DISABLED =
  /^(UnrecognizedClientException|UnrecognizedClient|InvalidClientTokenId|OptInRequired|AuthFailure|InvalidAccessKeyId)$/;
const NOT_FOUND = /(NotFound|NoSuch|DoesNotExist|NotExist)/;
const TIMEOUT = /^(TimeoutError|RequestTimeout|RequestTimeoutException|ETIMEDOUT|ESOCKETTIMEDOUT)$/;
const NETWORK =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|NetworkingError)$/;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * An emulator answers operations it does not implement with an HTML error page (HTTP 500 or 404);
 * the SDK then fails to parse it. AWS itself never answers an API call with HTML.
 */
export function isUnsupportedResponse(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const message = str(e.message) ?? "";
  const html = /<!doctype html|<html|Deserialization error/i.test(message);
  return html && (status === 500 || status === 404 || status === 501);
}

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof AwsCallError) return err.classified;
  const e = (err ?? {}) as SdkErrorLike;
  const code = str(e.Code) ?? str(e.code) ?? str(e.name) ?? "Error";
  const message = (str(e.message) ?? String(err)).split("\n")[0]!.slice(0, 500);
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const base = { code, message, httpStatus };

  if (isUnsupportedResponse(err)) {
    return {
      ...base,
      kind: "unsupported",
      code: "NotImplemented",
      message: `the endpoint does not implement this operation (HTTP ${httpStatus})`,
    };
  }
  if (ACCESS_DENIED.test(code) || /^AccessDenied/.test(code)) return { ...base, kind: "access_denied" };
  if (THROTTLED.test(code) || /^Throttl/.test(code) || httpStatus === 429) return { ...base, kind: "throttled" };
  if (REGION_DISABLED.test(code)) return { ...base, kind: "region_disabled" };
  if (TIMEOUT.test(code) || /timed? ?out/i.test(message)) return { ...base, kind: "timeout" };
  if (NETWORK.test(code)) return { ...base, kind: "network" };
  if (code === "UnsupportedOperationException" || code === "NotImplemented" || code === "InvalidAction") {
    return { ...base, kind: "unsupported" };
  }
  if (NOT_FOUND.test(code)) return { ...base, kind: "not_found" };
  return { ...base, kind: "other" };
}

/** Errors worth another attempt: throttling, timeouts, dropped connections and 5xx. */
export function isRetryable(err: unknown): boolean {
  const c = classifyError(err);
  if (c.kind === "throttled" || c.kind === "timeout" || c.kind === "network") return true;
  if (c.kind === "other" && c.httpStatus !== undefined && c.httpStatus >= 500) return true;
  // Some services answer 503 with a code of their own (e.g. ServiceUnavailable, InternalError).
  return (
    c.kind === "other" &&
    /^(ServiceUnavailable|InternalError|InternalFailure|InternalServerError|InternalException)$/.test(c.code)
  );
}

/** A typed error for AWS calls whose failure ends a unit of work (e.g. AssumeRole refused). */
export class AwsCallError extends Error {
  override name = "AwsCallError";
  constructor(
    readonly service: string,
    readonly operation: string,
    readonly classified: ClassifiedError,
    readonly accountId?: string,
    readonly region?: string,
  ) {
    super(
      `${classified.code} on ${service}:${operation}${accountId ? ` in ${accountId}` : ""}${region ? `/${region}` : ""}: ${classified.message}`,
    );
  }
}
