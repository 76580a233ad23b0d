import { describe, expect, it } from "vitest";
import { apiFamily, RateLimiter } from "@/lib/aws/rate-limiter";
import { JitteredRetryStrategy } from "@/lib/aws/retry-strategy";

describe("apiFamily", () => {
  it("maps operations to docs/controls.md's quota families", () => {
    expect(apiFamily("cloudtrail", "GetTrailStatus")).toBe("cloudtrail:read");
    expect(apiFamily("cloudtrail", "ListTrails")).toBe("cloudtrail:read");
    expect(apiFamily("cloudtrail", "LookupEvents")).toBe("cloudtrail:lookup");
    expect(apiFamily("cloudtrail", "PutEventSelectors")).toBe("cloudtrail:write");
    expect(apiFamily("cloudtrail", "StartLogging")).toBe("cloudtrail:write");
    expect(apiFamily("securityhub", "GetFindings")).toBe("securityhub:GetFindings");
  });
});

describe("RateLimiter", () => {
  it("lets a burst through, then spaces calls at the family's rate", async () => {
    const limiter = new RateLimiter({ default: { ratePerSecond: 20, burst: 3 } });
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () =>
        limiter.acquire("111111111111", "us-east-1", "x", "Y").then(() => times.push(performance.now() - started)),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 3).every((t) => t < 25)).toBe(true); // the burst
    // 4 more at 20/s take about 200 ms.
    expect(times[6]!).toBeGreaterThan(150);
    expect(times[6]!).toBeLessThan(400);
  });

  it("keeps accounts and regions apart", async () => {
    const limiter = new RateLimiter({ default: { ratePerSecond: 1, burst: 1 } });
    const started = performance.now();
    await Promise.all([
      limiter.acquire("111111111111", "us-east-1", "x", "Y"),
      limiter.acquire("222222222222", "us-east-1", "x", "Y"),
      limiter.acquire("111111111111", "eu-west-1", "x", "Y"),
    ]);
    expect(performance.now() - started).toBeLessThan(50);
    expect(limiter.size).toBe(3);
  });
});

describe("JitteredRetryStrategy.backoff", () => {
  it("uses full jitter under a doubling ceiling, higher for throttling", () => {
    const top = new JitteredRetryStrategy({
      maxAttempts: 5,
      random: () => 0.999,
      baseDelayMs: 50,
      throttleBaseDelayMs: 200,
      maxDelayMs: 5_000,
    });
    expect(top.backoff(1, false)).toBe(50);
    expect(top.backoff(3, false)).toBe(200);
    expect(top.backoff(1, true)).toBe(200);
    expect(top.backoff(10, true)).toBe(4995);
    const low = new JitteredRetryStrategy({ maxAttempts: 5, random: () => 0 });
    expect(low.backoff(4, true)).toBe(10); // a throttled retry never goes out at once
  });
});
