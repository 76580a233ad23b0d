// IAM roles, trust policies and key or bucket policies take time to propagate: CloudTrail rejects a
// trail that names a role or key created (or changed) a moment ago with one of these errors. They
// are retried for about two minutes, with exponential back-off and full jitter, as mature tools do
// (the Terraform AWS provider retries CloudTrail's IAM propagation errors for two minutes). The
// clock is injectable so tests do not wait.
import { errorCode } from "@/lib/remediate/apply/execute/executor-types";

export const PROPAGATION_ERRORS = new Set([
  "InvalidCloudWatchLogsRoleArnException",
  "InvalidCloudWatchLogsLogGroupArnException",
  "InsufficientEncryptionPolicyException",
  "InsufficientS3BucketPolicyException",
  "KmsKeyNotFoundException",
]);

export interface PropagationRetry {
  /** How long to keep retrying, in milliseconds (default two minutes). */
  budgetMs: number;
  /** First back-off ceiling; doubles up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  random: () => number;
}

export const DEFAULT_PROPAGATION_RETRY: Readonly<PropagationRetry> = {
  budgetMs: 120_000,
  baseDelayMs: 2_000,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export async function retryWhilePropagating<T>(
  call: () => Promise<T>,
  policy: PropagationRetry = DEFAULT_PROPAGATION_RETRY,
): Promise<T> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!PROPAGATION_ERRORS.has(errorCode(err)) || waited >= policy.budgetMs) throw err;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      // Full jitter, at least a quarter of the ceiling so the budget is spread over a few attempts
      // rather than spent in many near-zero waits.
      const delay = Math.min(policy.budgetMs - waited, Math.round(ceiling * (0.25 + 0.75 * policy.random())));
      waited += delay;
      await policy.sleep(delay);
    }
  }
}
