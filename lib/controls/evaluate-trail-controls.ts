// The per-trail CloudTrail controls: .2 (KMS), .4 (log file validation), .5 (CloudWatch Logs) and
// .9 (required tags). Each applicable trail (owned, or the organization trail credited to this
// account) is judged on its own; aggregate-items.ts rolls them up and names the failing trail.
import type { ControlId, ControlVerdict } from "@/lib/controls/types";
import { aggregateItems, type ItemOutcome } from "@/lib/controls/aggregate-items";
import { describeFailedCall } from "@/lib/controls/collection-errors";
import { bareLogGroupArn, logGroupName } from "@/lib/controls/evidence";
import type { EvaluationContext, TrailFacts } from "@/lib/controls/evaluation-context";

const NONE = "no trail applies to this account (it owns none and no organization trail covers it)";

function perTrail(
  ctx: EvaluationContext,
  controlId: ControlId,
  judge: (facts: TrailFacts) => ItemOutcome,
  allPassed: (count: number) => string,
): ControlVerdict {
  return aggregateItems(controlId, ctx.trails.map(judge), {
    noneReason: NONE,
    allPassedReason: allPassed,
    incompleteReason: ctx.incompleteReason,
  });
}

export function evaluateCloudTrail2(ctx: EvaluationContext): ControlVerdict {
  return perTrail(
    ctx,
    "CloudTrail.2",
    ({ trail, label }) =>
      trail.kmsKeyId
        ? {
            status: "PASSED",
            reason: `${label} encrypts log files with KMS key ${trail.kmsKeyId}`,
            evidence: [trail.arn, trail.kmsKeyId],
          }
        : {
            status: "FAILED",
            reason: `${label} has no KMS key: log files are not encrypted with SSE-KMS`,
            evidence: [trail.arn],
          },
    (n) => `all ${n} applicable trails encrypt log files with a KMS key`,
  );
}

export function evaluateCloudTrail4(ctx: EvaluationContext): ControlVerdict {
  return perTrail(
    ctx,
    "CloudTrail.4",
    ({ trail, label }) =>
      trail.logFileValidationEnabled
        ? { status: "PASSED", reason: `${label} has log file validation enabled`, evidence: [trail.arn] }
        : { status: "FAILED", reason: `${label} has log file validation disabled`, evidence: [trail.arn] },
    (n) => `all ${n} applicable trails have log file validation enabled`,
  );
}

export function evaluateCloudTrail5(ctx: EvaluationContext): ControlVerdict {
  return perTrail(
    ctx,
    "CloudTrail.5",
    ({ trail, label }): ItemOutcome => {
      const groupArn = trail.cloudWatchLogsLogGroupArn;
      if (!groupArn) {
        return {
          status: "FAILED",
          reason: `${label} does not deliver to CloudWatch Logs (no log group set)`,
          evidence: [trail.arn],
        };
      }
      const evidence = [trail.arn, bareLogGroupArn(groupArn)];
      const group = `log group \`${logGroupName(groupArn)}\``;
      if (trail.status === null) {
        // The log group is set, but a delivery error would be hidden: do not show green.
        const call = describeFailedCall(ctx.state, "GetTrailStatus", [trail.arn, trail.name]);
        return {
          status: "ERROR",
          reason: `${label} delivers to ${group} but its delivery status could not be read (${call})`,
          evidence,
        };
      }
      const deliveryError = trail.status.latestCloudWatchLogsDeliveryError;
      if (deliveryError) {
        return {
          status: "WARNING",
          reason: `${label} delivers to ${group} but CloudTrail reports CloudWatch Logs delivery error "${deliveryError}" (check the trail's CloudWatch Logs role)`,
          evidence: [...evidence, trail.cloudWatchLogsRoleArn],
        };
      }
      return { status: "PASSED", reason: `${label} delivers to CloudWatch Logs ${group}`, evidence };
    },
    (n) => `all ${n} applicable trails deliver to CloudWatch Logs`,
  );
}

export function evaluateCloudTrail9(ctx: EvaluationContext): ControlVerdict {
  const required = [...new Set(ctx.options.requiredTagKeys.filter((k) => k.length > 0))];
  if (required.length === 0) {
    return {
      controlId: "CloudTrail.9",
      status: "NOT_APPLICABLE",
      reason: "no required tag keys are configured (set them in Settings to evaluate trail tagging)",
      evidence: [],
    };
  }
  const keys = required.join(", ");
  return perTrail(
    ctx,
    "CloudTrail.9",
    ({ trail, label }): ItemOutcome => {
      if (trail.tags === null) {
        const call = describeFailedCall(ctx.state, "ListTags", [trail.arn, trail.name]);
        return { status: "ERROR", reason: `${label} has tags that could not be read (${call})`, evidence: [trail.arn] };
      }
      const tags = trail.tags;
      const missing = required.filter((key) => !Object.prototype.hasOwnProperty.call(tags, key));
      return missing.length > 0
        ? { status: "FAILED", reason: `${label} lacks required tag keys: ${missing.join(", ")}`, evidence: [trail.arn] }
        : { status: "PASSED", reason: `${label} carries the required tag keys ${keys}`, evidence: [trail.arn] };
    },
    (n) => `all ${n} applicable trails carry the required tag keys ${keys}`,
  );
}
