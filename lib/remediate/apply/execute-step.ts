// Runs one plan step: checks it against the safety rules, resolves references to earlier steps'
// outputs, calls the executor for its service and operation (an "ensure" that reads before it
// writes), and reports the outcome with the AWS request ids of the calls it made. Never throws for
// an AWS error: the outcome carries it, classified, for the step's row and the user.
import { classifyError } from "@/lib/aws/classify-error";
import { stepViolations } from "@/lib/remediate/plan/assert-safe-plan";
import { CLOUDTRAIL_EXECUTORS } from "@/lib/remediate/apply/execute/cloudtrail-executors";
import { CLOUDWATCH_EXECUTORS, SNS_EXECUTORS } from "@/lib/remediate/apply/execute/cloudwatch-sns-executors";
import type { Executor } from "@/lib/remediate/apply/execute/executor-types";
import { KMS_EXECUTORS } from "@/lib/remediate/apply/execute/kms-executors";
import { IAM_EXECUTORS, LOGS_EXECUTORS } from "@/lib/remediate/apply/execute/logs-iam-executors";
import { S3_EXECUTORS } from "@/lib/remediate/apply/execute/s3-executors";
import type { JsonObject, JsonValue, PlanStep, StepService } from "@/lib/remediate/plan/plan-types";
import type { ClientProvider, RecordedCall } from "@/lib/remediate/apply/remediation-clients";
import { resolveRefs } from "@/lib/remediate/plan/step-refs";
import { ORGANIZATIONS_EXECUTORS } from "@/lib/remediate/apply/execute/organizations-executors";
import { CONFIG_EXECUTORS } from "@/lib/remediate/apply/execute/config-executors";

const EXECUTORS: Record<StepService, Record<string, Executor>> = {
  s3: S3_EXECUTORS,
  kms: KMS_EXECUTORS,
  logs: LOGS_EXECUTORS,
  iam: IAM_EXECUTORS,
  cloudtrail: CLOUDTRAIL_EXECUTORS,
  cloudwatch: CLOUDWATCH_EXECUTORS,
  sns: SNS_EXECUTORS,
  organizations: ORGANIZATIONS_EXECUTORS,
  config: CONFIG_EXECUTORS,
};

export interface StepOutcome {
  status: "succeeded" | "failed";
  changed: boolean;
  output: JsonObject;
  error: string | null;
  /** The AWS request id of the step's mutating call (or its last call when nothing changed). */
  requestId: string | null;
  calls: RecordedCall[];
}

export interface ExecuteStepOptions {
  provider: ClientProvider & { calls?: RecordedCall[] };
  /** Outputs of the job's earlier steps, by step key. */
  outputs: Map<string, JsonValue>;
  log?: (line: string) => void;
}

export function describeFailure(step: PlanStep, err: unknown): string {
  const c = classifyError(err);
  const where = `${step.service}:${step.operation} in ${step.targetAccountId}/${step.region}`;
  if (c.kind === "access_denied") {
    // S3 answers the same AccessDenied when ExpectedBucketOwner names someone else, and when a
    // bucket outside the prefix is touched without the template's HardenExistingBuckets opt-in.
    const s3 =
      step.service === "s3"
        ? ` For S3 it also means: the bucket is not owned by account ${step.targetAccountId} (it is never used ` +
          `then), or it is not named with the remediation prefix and the member-roles stack has HardenExistingBuckets=false.`
        : "";
    return (
      `Access denied: ${where} (${c.code}). The remediation role (TRAILWARDEN_REMEDIATION_ROLE_NAME) in account ` +
      `${step.targetAccountId} lacks permission for ${step.service}:${step.operation}.${s3} ${c.message}`
    );
  }
  if (c.kind === "unsupported") return `${where} is not supported by this AWS endpoint (${c.message})`;
  if (err instanceof Error && (err.name === "SafetyError" || err.name === "UnresolvedRefError"))
    return `${where} refused: ${err.message}`;
  return `${c.code} on ${where}: ${c.message}`;
}

export async function executeStep(step: PlanStep, options: ExecuteStepOptions): Promise<StepOutcome> {
  const log = options.log ?? (() => undefined);
  const calls = options.provider.calls;
  const first = calls?.length ?? 0;
  const callsMade = () => (calls ? calls.slice(first) : []);
  const fail = (error: string): StepOutcome => {
    const made = callsMade();
    return {
      status: "failed",
      changed: false,
      output: {},
      error,
      requestId: made.at(-1)?.requestId ?? null,
      calls: made,
    };
  };

  const problems = stepViolations(step);
  if (problems.length > 0) return fail(`refused by the safety rules: ${problems.join("; ")}`);
  const executor = EXECUTORS[step.service]?.[step.operation];
  if (!executor) return fail(`no executor for ${step.service}:${step.operation}`);
  try {
    const params = resolveRefs(step.params, options.outputs);
    const clients = options.provider.clients(step.targetAccountId, step.region);
    const result = await executor({ step, clients, log }, params);
    const made = callsMade();
    const mutating = made.filter((c) => c.mutating);
    return {
      status: "succeeded",
      changed: result.changed,
      output: result.output,
      error: null,
      requestId: (mutating.at(-1) ?? made.at(-1))?.requestId ?? null,
      calls: made,
    };
  } catch (err) {
    return fail(describeFailure(step, err));
  }
}
