// What a step executor gets and returns. Every executor is an "ensure": it reads the current state
// first and makes the call only when something is missing, so running a step twice (a retry, or a
// worker that died after the call but before recording it) never creates a duplicate.
import { classifyError } from "@/lib/aws/classify-error";
import type { JsonObject, PlanStep } from "@/lib/remediate/plan/plan-types";
import type { RemediationClientSet } from "@/lib/remediate/apply/remediation-clients";

export interface ExecContext {
  step: PlanStep;
  /** Clients acting in the step's target account and region. */
  clients: RemediationClientSet;
  log: (line: string) => void;
}

export interface ExecResult {
  /** false: the resource was already as wanted and no mutating call was made. */
  changed: boolean;
  output: JsonObject;
}

export type Executor = (ctx: ExecContext, params: JsonObject) => Promise<ExecResult>;

/** A step that would break a safety rule at apply time (state changed since planning). */
export class SafetyError extends Error {
  override name = "SafetyError";
}

export function errorCode(err: unknown): string {
  return classifyError(err).code;
}

export function hasCode(err: unknown, ...codes: string[]): boolean {
  const code = errorCode(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return codes.includes(code) || (codes.includes("404") && status === 404);
}

/** The SDK input for `params` (they are the exact API input, stored as JSON). */
export function input<T>(params: JsonObject): T {
  return params as unknown as T;
}

export function unchanged(output: JsonObject = {}): ExecResult {
  return { changed: false, output: { ...output, alreadyInPlace: true } };
}

export function changed(output: JsonObject = {}): ExecResult {
  return { changed: true, output };
}
