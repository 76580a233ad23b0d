// Throttling sequences through the real SDK stack (serializer, retry strategy, rate limiter,
// deserializer): only the HTTP layer is replaced, answering as CloudTrail does.
import { Readable } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpRequest } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { ClientFactory } from "@/lib/aws/create-clients";
import { CallRecorder, newRunStats } from "@/lib/collect/call-recorder";
import { ListTrailsCommand } from "@aws-sdk/client-cloudtrail";

type Answer = { status: number; body: string; headers?: Record<string, string> };

/** Answers each request with the next scripted answer (the last one repeats). */
class ScriptedHandler extends NodeHttpHandler {
  requests = 0;
  constructor(private readonly script: Answer[]) {
    super();
  }
  override async handle(_request: HttpRequest) {
    const a = this.script[Math.min(this.requests, this.script.length - 1)]!;
    this.requests += 1;
    return {
      response: {
        statusCode: a.status,
        reason: "",
        headers: { "content-type": "application/x-amz-json-1.1", ...a.headers },
        body: Readable.from([Buffer.from(a.body)]),
      },
    } as unknown as Awaited<ReturnType<NodeHttpHandler["handle"]>>;
  }
}

const THROTTLED: Answer = {
  status: 400,
  body: JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }),
  headers: { "x-amzn-errortype": "ThrottlingException" },
};
const OK: Answer = {
  status: 200,
  body: JSON.stringify({
    Trails: [{ TrailARN: "arn:aws:cloudtrail:us-east-1:222222222222:trail/t", Name: "t", HomeRegion: "us-east-1" }],
  }),
};
const HTML_500: Answer = {
  status: 500,
  body: "<!doctype html><html><title>500 Internal Server Error</title></html>",
  headers: { "content-type": "text/html" },
};

describe("throttling and retries", () => {
  let factory: ClientFactory | undefined;
  afterEach(() => factory?.destroy());

  function setup(script: Answer[], maxAttempts = 4) {
    const handler = new ScriptedHandler(script);
    const stats = newRunStats();
    factory = new ClientFactory({
      maxAttempts,
      timeoutMs: 1_000,
      requestHandler: handler,
      retryBaseDelayMs: 1,
      throttleBaseDelayMs: 2,
      onAttempt: () => {
        stats.attempts += 1;
      },
      onRetry: (kind) => {
        stats.retries += 1;
        if (kind === "throttled") stats.throttled += 1;
      },
    });
    const client = factory.get("cloudtrail", "222222222222", "us-east-1", { accessKeyId: "a", secretAccessKey: "b" });
    const rec = new CallRecorder("222222222222", stats);
    const call = () =>
      rec.call({ service: "cloudtrail", operation: "ListTrails", region: "us-east-1" }, () =>
        client.send(new ListTrailsCommand({})),
      );
    return { handler, stats, rec, call };
  }

  it("retries a throttled call and succeeds", async () => {
    const { handler, stats, rec, call } = setup([THROTTLED, THROTTLED, OK]);
    const res = await call();
    expect(res.ok).toBe(true);
    expect(handler.requests).toBe(3);
    expect(stats).toMatchObject({ calls: 1, attempts: 3, retries: 2, throttled: 2 });
    expect(rec.errors).toEqual([]);
  });

  it("records persistent throttling as a throttled error after the last attempt", async () => {
    const { handler, rec, call } = setup([THROTTLED], 3);
    const res = await call();
    expect(res.ok).toBe(false);
    expect(handler.requests).toBe(3);
    expect(rec.errors).toEqual([
      expect.objectContaining({ operation: "ListTrails", kind: "throttled", code: "ThrottlingException" }),
    ]);
  });

  it("does not retry an emulator's HTML 'not implemented' page", async () => {
    const { handler, rec, call } = setup([HTML_500]);
    const res = await call();
    expect(res.ok).toBe(false);
    expect(handler.requests).toBe(1);
    expect(rec.errors[0]).toMatchObject({ kind: "unsupported", code: "NotImplemented" });
  });

  it("does not retry AccessDenied", async () => {
    const denied: Answer = { status: 400, body: JSON.stringify({ __type: "AccessDeniedException", message: "no" }) };
    const { handler, rec, call } = setup([denied]);
    await call();
    expect(handler.requests).toBe(1);
    expect(rec.errors[0]).toMatchObject({ kind: "access_denied" });
  });

  it("retries a 503 then succeeds", async () => {
    const { handler, call } = setup([
      { status: 503, body: JSON.stringify({ __type: "ServiceUnavailableException", message: "busy" }) },
      OK,
    ]);
    expect((await call()).ok).toBe(true);
    expect(handler.requests).toBe(2);
  });
});
