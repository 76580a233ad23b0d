// Steps for the CloudTrail KMS key of one account and region (CloudTrail.2, and CloudTrail.10 for
// Lake event data stores): find-or-create the key (by its alias, then by its tag, so a retry after
// a crash finds it), its alias, and rotation. The region is the trail bucket's (the planner decides
// it). The key policy written at CreateKey names the remediation role, which is how every later call
// on the key is authorized: nothing is authorized by tags, and the tags (ManagedBy, and the alias tag
// the lookup uses) are added by TagResource right after CreateKey under that policy. On an existing
// key the statements are merged into its policy.
import type { KeyNeed, PlanInputs } from "@/lib/remediate/plan/plan-needs";
import { cloudTrailKeyPolicy } from "@/lib/remediate/plan/policies/kms-key-policy";
import { statementSids } from "@/lib/remediate/plan/policies/policy-document";
import { keyAliasArn, keyAliasName, MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";
import { stepRef, type StepRef } from "@/lib/remediate/plan/step-refs";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

/** Tag the create executor finds a half-created key by (a key whose alias was never made). */
export const KEY_ALIAS_TAG = "trailwarden:alias";

export function createKeyStepKey(accountId: string, region: string, aliasName: string): string {
  return `kms.CreateKey:${accountId}:${region}:${aliasName}`;
}

/** The value to pass as KmsKeyId: the ARN of the key the CreateKey step found or created. */
export function keyArnRef(inputs: PlanInputs, accountId: string, region: string): StepRef {
  return stepRef(createKeyStepKey(accountId, region, keyAliasName(inputs.names)), "KeyMetadata.Arn");
}

export function emitKmsKey(list: StepList, inputs: PlanInputs, need: KeyNeed): void {
  const n = inputs.names;
  const alias = keyAliasName(n);
  const policy = cloudTrailKeyPolicy(n, {
    accountId: need.accountId,
    region: need.region,
    trailArns: need.trailArns,
    storeArns: need.storeArns,
    readerAccountIds: need.readerAccountIds,
    remediationRoleName: inputs.remediationRoleName,
  });
  const users = [...need.trailArns, ...need.storeArns].join(", ");
  const base = {
    region: need.region,
    targetAccountId: need.accountId,
    service: "kms" as const,
    controls: need.controls,
  };
  const create = makeStep({
    ...base,
    title: `Ensure KMS key ${alias} (create if missing)`,
    why: `${users} must encrypt log files with a customer-managed KMS key (${[...need.controls].join(", ")})`,
    operation: "CreateKey",
    resource: alias,
    action: "create",
    changes: [
      { attribute: "Key", from: null, to: `symmetric key ${alias} in ${need.region}` },
      {
        attribute: "Key policy statements (merged by Sid into an existing key's policy)",
        from: null,
        to: statementSids(policy),
      },
      {
        attribute: "Tags (TagResource right after CreateKey, authorized by the key policy)",
        from: null,
        to: [`${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value}`, `${KEY_ALIAS_TAG}=${alias}`],
      },
    ],
    params: {
      Description: "CloudTrail log encryption (created by Trailwarden)",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeySpec: "SYMMETRIC_DEFAULT",
      Policy: JSON.stringify(policy),
      Tags: [
        { TagKey: MANAGED_BY_TAG.key, TagValue: MANAGED_BY_TAG.value },
        { TagKey: KEY_ALIAS_TAG, TagValue: alias },
      ],
    },
  });
  if (create.key !== createKeyStepKey(need.accountId, need.region, alias))
    throw new Error("KMS step key drifted from createKeyStepKey");
  list.add(create);
  const keyId = stepRef(create.key, "KeyMetadata.KeyId");
  list.add(
    makeStep({
      ...base,
      title: `Alias ${alias}`,
      why: "names the key so a re-run finds it instead of creating another",
      operation: "CreateAlias",
      resource: keyAliasArn(n, need.accountId, need.region),
      action: "create",
      changes: [{ attribute: "AliasName", from: null, to: alias }],
      params: { AliasName: alias, TargetKeyId: keyId },
    }),
  );
  list.add(
    makeStep({
      ...base,
      title: `Key rotation on ${alias}`,
      why: "CIS requires yearly rotation of customer-managed keys",
      operation: "EnableKeyRotation",
      resource: alias,
      action: "update",
      changes: [{ attribute: "KeyRotationEnabled", from: "unknown", to: true }],
      params: { KeyId: keyId },
    }),
  );
}
