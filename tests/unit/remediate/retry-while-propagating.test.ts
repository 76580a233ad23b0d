// CreateTrail/UpdateTrail retry while a new role or policy propagates: about two minutes with
// jitter (not ~29 s), only for the propagation errors, with an injected clock.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROPAGATION_RETRY,
  retryWhilePropagating,
  type PropagationRetry,
} from "@/lib/remediate/apply/execute/retry-while-propagating";

const error = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });

function clock(random: () => number): PropagationRetry & { waits: number[] } {
  const waits: number[] = [];
  return { ...DEFAULT_PROPAGATION_RETRY, random, waits, sleep: async (ms) => void waits.push(ms) };
}

describe("retryWhilePropagating", () => {
  it("keeps retrying a propagation error for about two minutes, then gives up", async () => {
    const c = clock(() => 0.5);
    let calls = 0;
    await expect(
      retryWhilePropagating(async () => {
        calls += 1;
        throw error("InvalidCloudWatchLogsRoleArnException");
      }, c),
    ).rejects.toThrow("InvalidCloudWatchLogsRoleArnException");
    const total = c.waits.reduce((a, b) => a + b, 0);
    expect(total).toBe(120_000);
    expect(calls).toBe(c.waits.length + 1);
    expect(Math.max(...c.waits)).toBeLessThanOrEqual(20_000);
  });

  it("jitters the delays", async () => {
    const run = async (random: () => number) => {
      const c = clock(random);
      let n = 0;
      await retryWhilePropagating(async () => {
        if (++n < 4) throw error("InsufficientEncryptionPolicyException");
        return "ok";
      }, c);
      return c.waits;
    };
    const low = await run(() => 0);
    const high = await run(() => 0.99);
    expect(low).toHaveLength(3);
    expect(low.every((w, i) => w < high[i]!)).toBe(true);
  });

  it("does not retry other errors", async () => {
    const c = clock(() => 0.5);
    await expect(retryWhilePropagating(async () => Promise.reject(error("AccessDeniedException")), c)).rejects.toThrow(
      "AccessDeniedException",
    );
    expect(c.waits).toEqual([]);
  });
});
