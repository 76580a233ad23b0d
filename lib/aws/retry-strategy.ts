// The retry policy of every client: exponential backoff with full jitter on throttling, timeouts,
// dropped connections and 5xx; no retry on anything else. Written out rather than using the SDK's
// standard strategy because (1) an emulator's HTML "not implemented" page is a 500 that the
// standard strategy retries, which only makes a run slower, and (2) the SDK's retry quota (a
// shared token bucket that stops retrying after a burst of failures) is meant for one service
// endpoint: with thousands of accounts behind one client configuration it would turn a few
// throttled accounts into failed ones.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { classifyError, isRetryable } from "@/lib/aws/classify-error";

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff ceiling in ms; doubled per attempt. */
  baseDelayMs?: number;
  /** Throttling backs off from a higher base: the quota refills at a fixed rate. */
  throttleBaseDelayMs?: number;
  maxDelayMs?: number;
  /** Told about every retry (for run statistics). */
  onRetry?: (kind: string) => void;
  random?: () => number;
}

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

export class JitteredRetryStrategy implements RetryStrategyV2 {
  readonly mode = "standard";
  private readonly base: number;
  private readonly throttleBase: number;
  private readonly cap: number;
  private readonly random: () => number;

  constructor(private readonly policy: RetryPolicy) {
    this.base = policy.baseDelayMs ?? 50;
    this.throttleBase = policy.throttleBaseDelayMs ?? 200;
    this.cap = policy.maxDelayMs ?? 5_000;
    this.random = policy.random ?? Math.random;
  }

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const attempt = token.getRetryCount() + 1; // the attempt that would follow
    const retryable = info.errorType === "THROTTLING" || isRetryable(info.error);
    if (!retryable || attempt >= this.policy.maxAttempts) throw info.error;
    const kind = info.errorType === "THROTTLING" ? "throttled" : classifyError(info.error).kind;
    this.policy.onRetry?.(kind);
    const delay = this.backoff(attempt, kind === "throttled", info.retryAfterHint);
    return new Token(attempt, delay);
  }

  recordSuccess(_token: RetryToken): void {}

  /** Full jitter: uniform in [0, min(cap, base·2^(attempt-1))], never below a Retry-After hint. */
  backoff(attempt: number, throttled: boolean, retryAfter?: Date): number {
    const base = throttled ? this.throttleBase : this.base;
    const ceiling = Math.min(this.cap, base * 2 ** (attempt - 1));
    const jittered = Math.round(this.random() * ceiling);
    const hinted = retryAfter ? retryAfter.getTime() - Date.now() : 0;
    return Math.max(jittered, Math.min(hinted, this.cap), throttled ? 10 : 0);
  }
}
