// A finished job's status and the `remediate` command's exit code, in one place (README, "remediate":
// 0 verified, 2 applied but a person has an action left, 1 a step failed). A job reaches
// verification only when every step succeeded, so its status there depends on verification alone.

export const VERIFIED = "logging, validated, alarming" as const;
export const NEEDS_ATTENTION = "needs attention" as const;

export type FinishedJobStatus = "succeeded" | "needs-attention" | "failed" | "cancelled";

/** Statuses of applied jobs whose steps all ran: the work was done (burn-down, time to fix). */
export const APPLIED_STATUSES = ["succeeded", "needs-attention"] as const;

export function jobStatusAfter(verification: { outcome: string }): "succeeded" | "needs-attention" | "failed" {
  if (verification.outcome === VERIFIED) return "succeeded";
  // "not verified": the steps ran but the re-collection could not read the account: a person re-checks.
  if (verification.outcome === NEEDS_ATTENTION || verification.outcome === "not verified") return "needs-attention";
  return "failed";
}

export function exitCodeFor(status: string): 0 | 1 | 2 {
  if (status === "succeeded") return 0;
  if (status === "needs-attention") return 2;
  return 1;
}
