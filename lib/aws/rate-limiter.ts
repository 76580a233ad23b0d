// Per account-and-region token buckets, one per API family, with the quotas of docs/controls.md.
// AWS enforces its quotas per account and region, so that is the key; every attempt (retries
// included) takes a token, which keeps a throttled account from hammering its own quota.

export interface RateSpec {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size (the burst allowed after a quiet period). */
  burst: number;
}

/** API families and their quotas (docs/controls.md "API quotas"; AWS's published defaults elsewhere). */
export const RATE_FAMILIES: Record<string, RateSpec> = {
  "cloudtrail:read": { ratePerSecond: 10, burst: 10 },
  "cloudtrail:lookup": { ratePerSecond: 2, burst: 2 },
  "cloudtrail:write": { ratePerSecond: 1, burst: 1 },
  "securityhub:GetFindings": { ratePerSecond: 3, burst: 6 },
  "securityhub:other": { ratePerSecond: 10, burst: 10 },
  "logs:read": { ratePerSecond: 5, burst: 5 },
  "cloudwatch:read": { ratePerSecond: 9, burst: 9 },
  "sns:read": { ratePerSecond: 30, burst: 30 },
  "s3:read": { ratePerSecond: 100, burst: 100 },
  "ec2:read": { ratePerSecond: 20, burst: 20 },
  // STS allows 600 requests/s per account and region: all AssumeRole calls come from the hub.
  "sts:any": { ratePerSecond: 500, burst: 500 },
  "organizations:any": { ratePerSecond: 20, burst: 40 },
  default: { ratePerSecond: 10, burst: 10 },
};

const MUTATING =
  /^(Create|Update|Delete|Put|Start|Stop|Add|Remove|Register|Deregister|Enable|Disable|Batch|Tag|Untag|Associate|Disassociate|Set|Subscribe|Unsubscribe)/;

/** The family an operation draws its tokens from. */
export function apiFamily(service: string, operation: string): string {
  if (service === "cloudtrail") {
    if (operation === "LookupEvents") return "cloudtrail:lookup";
    return MUTATING.test(operation) ? "cloudtrail:write" : "cloudtrail:read";
  }
  if (service === "securityhub") return operation === "GetFindings" ? "securityhub:GetFindings" : "securityhub:other";
  if (service === "sts" || service === "organizations") return `${service}:any`;
  const key = `${service}:read`;
  return key in RATE_FAMILIES ? key : "default";
}

class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly spec: RateSpec) {
    this.tokens = spec.burst;
    this.last = performance.now();
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.last) / 1000) * this.spec.ratePerSecond);
    this.last = now;
  }

  take(): Promise<void> {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    const wait = Math.max(1, ((1 - this.tokens) / this.spec.ratePerSecond) * 1000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.waiters.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.waiters.shift()!();
      }
      this.schedule();
    }, wait);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly families: Record<string, RateSpec> = RATE_FAMILIES) {}

  /** Resolves when a call of `service:operation` may go out in `accountId`/`region`. */
  acquire(accountId: string, region: string, service: string, operation: string): Promise<void> {
    const family = apiFamily(service, operation);
    const key = `${accountId}/${region}/${family}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.families[family] ?? this.families.default ?? RATE_FAMILIES.default!);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  get size(): number {
    return this.buckets.size;
  }
}
