// CloudTrail.10: a CloudTrail Lake event data store without a customer-managed key gets the
// account's CloudTrail key (created or found by the KMS steps). AWS allows moving a store from the
// AWS owned key to a customer-managed one; the reverse is not possible, so this is never undone.
import type { PlanInputs, StoreNeed } from "@/lib/remediate/plan/plan-needs";
import { keyAliasArn } from "@/lib/remediate/plan/resource-names";
import { keyArnRef } from "@/lib/remediate/plan/steps/ensure-kms-key";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

export function emitEventDataStoreKey(list: StepList, inputs: PlanInputs, store: StoreNeed): void {
  list.add(
    makeStep({
      title: `Encrypt event data store ${store.name} with the CloudTrail key`,
      why: `event data store \`${store.name}\` is not encrypted with a customer-managed KMS key (CloudTrail.10)`,
      controls: ["CloudTrail.10"],
      service: "cloudtrail",
      operation: "UpdateEventDataStore",
      region: store.region,
      targetAccountId: store.accountId,
      resource: store.arn,
      action: "update",
      changes: [
        { attribute: "KmsKeyId", from: store.currentKey, to: keyAliasArn(inputs.names, store.accountId, store.region) },
      ],
      params: { EventDataStore: store.arn, KmsKeyId: keyArnRef(inputs, store.accountId, store.region) },
    }),
  );
}
