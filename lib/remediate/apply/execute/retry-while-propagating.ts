// IAM roles and key or bucket policies take seconds to propagate: CloudTrail rejects a trail that
// names a role or key created a moment ago with one of these errors. They are retried for up to
// about half a minute before the step fails.
import { errorCode } from "@/lib/remediate/apply/execute/executor-types";

const PROPAGATION_ERRORS = new Set([
  "InvalidCloudWatchLogsRoleArnException",
  "InvalidCloudWatchLogsLogGroupArnException",
  "InsufficientEncryptionPolicyException",
  "InsufficientS3BucketPolicyException",
  "KmsKeyNotFoundException",
]);

const DELAYS_MS = [2_000, 4_000, 8_000, 15_000];

export async function retryWhilePropagating<T>(call: () => Promise<T>, delays: number[] = DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined || !PROPAGATION_ERRORS.has(errorCode(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
