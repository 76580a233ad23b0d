// Remediation's own typed errors, mapped to HTTP codes by lib/http/error-response.ts.
import { AppError } from "@/lib/errors";

/** The plan cannot be applied: a safety rule or a limit stops it (422). */
export class PlanBlockedError extends AppError {
  constructor(message: string) {
    super(message, 422, "plan_blocked");
  }
}

/** The plan the user confirmed is not what the latest snapshot gives any more (409). */
export class StalePlanError extends AppError {
  constructor(message: string) {
    super(message, 409, "plan_stale");
  }
}

/** Another remediation job is queued or running for the account (409). */
export class JobActiveError extends AppError {
  constructor(
    message: string,
    readonly activeJobId: string,
  ) {
    super(message, 409, "remediation_active");
  }
}

export const ACTIVE_STATUSES = ["queued", "running", "verifying"] as const;
