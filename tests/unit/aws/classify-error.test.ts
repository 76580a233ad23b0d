import { describe, expect, it } from "vitest";
import { AwsCallError, classifyError, isRetryable } from "@/lib/aws/classify-error";

const err = (name: string, status = 400, message = name) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe("classifyError", () => {
  it.each([
    ["AccessDenied", "access_denied"],
    ["AccessDeniedException", "access_denied"],
    ["UnauthorizedOperation", "access_denied"],
    ["ThrottlingException", "throttled"],
    ["Throttling", "throttled"],
    ["TooManyRequestsException", "throttled"],
    ["RequestLimitExceeded", "throttled"],
    ["SlowDown", "throttled"],
    ["UnrecognizedClientException", "region_disabled"],
    ["InvalidClientTokenId", "region_disabled"],
    ["OptInRequired", "region_disabled"],
    ["AuthFailure", "region_disabled"],
    ["TimeoutError", "timeout"],
    ["ECONNREFUSED", "network"],
    ["TrailNotFoundException", "not_found"],
    ["NoSuchBucket", "not_found"],
    ["ValidationException", "other"],
  ])("%s → %s", (name, kind) => {
    expect(classifyError(err(name)).kind).toBe(kind);
  });

  it("reads a node network error's code", () => {
    const e = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(classifyError(e)).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });

  it("sees an HTML 500/404 deserialization failure as unsupported", () => {
    const e = Object.assign(
      new SyntaxError(
        `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response...`,
      ),
      { $metadata: { httpStatusCode: 404 } },
    );
    expect(classifyError(e)).toMatchObject({ kind: "unsupported", code: "NotImplemented" });
    expect(isRetryable(e)).toBe(false);
  });

  it("keeps the classification of a wrapped AwsCallError", () => {
    const wrapped = new AwsCallError("sts", "AssumeRole", classifyError(err("AccessDenied", 403)), "222222222222");
    expect(classifyError(wrapped).kind).toBe("access_denied");
    expect(wrapped.message).toMatch(/^AccessDenied on sts:AssumeRole in 222222222222/);
  });

  it("retries throttling, timeouts and 5xx only", () => {
    expect(isRetryable(err("ThrottlingException"))).toBe(true);
    expect(isRetryable(err("TimeoutError"))).toBe(true);
    expect(isRetryable(err("InternalFailure", 500))).toBe(true);
    expect(isRetryable(err("AccessDeniedException"))).toBe(false);
    expect(isRetryable(err("ValidationException"))).toBe(false);
  });
});
