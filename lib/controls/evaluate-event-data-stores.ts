// CloudTrail.10: every CloudTrail Lake event data store is encrypted with a customer-managed KMS
// key. An unset KmsKeyId means the AWS owned key; an `alias/aws/...` key is AWS managed, which is
// not customer-managed either. No stores at all is NOT_APPLICABLE; an unknown list is NO_DATA
// (ListEventDataStores is missing in some partitions and emulators, per docs/controls.md).
import type { ControlVerdict } from "@/lib/controls/types";
import { aggregateItems, type ItemOutcome } from "@/lib/controls/aggregate-items";
import { describeFailedCall } from "@/lib/controls/collection-errors";
import type { EvaluationContext } from "@/lib/controls/evaluation-context";

function isAwsManagedKey(keyId: string): boolean {
  return /(^|:)alias\/aws\//.test(keyId);
}

export function evaluateCloudTrail10(ctx: EvaluationContext): ControlVerdict {
  const stores = ctx.state.eventDataStores;
  if (stores === null) {
    const call = describeFailedCall(ctx.state, "ListEventDataStores");
    return {
      controlId: "CloudTrail.10",
      status: "NO_DATA",
      reason: `CloudTrail Lake event data stores could not be listed (${call})`,
      evidence: [],
    };
  }
  const items = stores.map((store): ItemOutcome => {
    const label = `event data store \`${store.name}\``;
    if (!store.kmsKeyId) {
      return {
        status: "FAILED",
        reason: `${label} uses the AWS owned key, not a customer-managed KMS key`,
        evidence: [store.arn],
      };
    }
    if (isAwsManagedKey(store.kmsKeyId)) {
      return {
        status: "FAILED",
        reason: `${label} uses AWS managed key ${store.kmsKeyId}, not a customer-managed KMS key`,
        evidence: [store.arn],
      };
    }
    return {
      status: "PASSED",
      reason: `${label} is encrypted with customer-managed KMS key ${store.kmsKeyId}`,
      evidence: [store.arn, store.kmsKeyId],
    };
  });
  return aggregateItems("CloudTrail.10", items, {
    noneReason: "this account has no CloudTrail Lake event data stores",
    allPassedReason: (n) => `all ${n} event data stores are encrypted with customer-managed KMS keys`,
  });
}
