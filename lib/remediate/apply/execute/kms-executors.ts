// KMS executors. The key is found by its alias, then by the tag put on it right after CreateKey (a
// key whose alias was never created because a worker died in between), and only created when
// neither finds it. CreateKey is sent without tags: tagging on creation needs kms:TagResource in the
// role's IAM policy, which would let it tag any key of the account; the tags follow with
// TagResource, authorized by the new key's policy that names the role. An existing key keeps its
// policy: our statements are merged in by Sid.
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  TagResourceCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { classifyError } from "@/lib/aws/classify-error";
import { changed, hasCode, input, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";
import { KEY_ADMIN_SID } from "@/lib/remediate/plan/policies/kms-key-policy";
import { mergeStatements, parsePolicy, type PolicyStatement } from "@/lib/remediate/plan/policies/policy-document";
import type { JsonObject } from "@/lib/remediate/plan/plan-types";
import { KEY_ALIAS_TAG } from "@/lib/remediate/plan/steps/ensure-kms-key";

const MAX_KEYS_SCANNED = 1000;

async function byAlias(kms: KMSClient, alias: string): Promise<{ KeyId: string; Arn: string } | null> {
  try {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata;
    return meta?.KeyId && meta.Arn && meta.KeyState !== "PendingDeletion" ? { KeyId: meta.KeyId, Arn: meta.Arn } : null;
  } catch (err) {
    if (hasCode(err, "NotFoundException")) return null;
    throw err;
  }
}

/**
 * A key's tags, or none when its policy does not let us read them: a customer key whose policy does
 * not delegate to IAM answers AccessDenied, and it cannot be ours (ours names the remediation role).
 */
async function tagsOf(kms: KMSClient, keyId: string): Promise<{ TagKey?: string; TagValue?: string }[]> {
  try {
    return (await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? [];
  } catch (err) {
    if (classifyError(err).kind === "access_denied") return [];
    throw err;
  }
}

async function byTag(kms: KMSClient, alias: string): Promise<{ KeyId: string; Arn: string } | null> {
  let marker: string | undefined;
  let scanned = 0;
  do {
    const page = await kms.send(new ListKeysCommand({ Marker: marker, Limit: 100 }));
    for (const key of page.Keys ?? []) {
      if (!key.KeyId || !key.KeyArn) continue;
      scanned += 1;
      const tags = await tagsOf(kms, key.KeyId);
      if (tags.some((t) => t.TagKey === KEY_ALIAS_TAG && t.TagValue === alias))
        return { KeyId: key.KeyId, Arn: key.KeyArn };
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker && scanned < MAX_KEYS_SCANNED);
  return null;
}

async function mergeKeyPolicy(kms: KMSClient, keyId: string, wanted: PolicyStatement[]): Promise<JsonObject> {
  const current = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy;
  // The administration statement is written on creation only: an existing key's owners decide who administers it.
  const merged = mergeStatements(
    parsePolicy(current),
    wanted.filter((s) => s.Sid !== KEY_ADMIN_SID),
  );
  if (merged.changed) {
    // PolicyName must be "default" (the only name AWS accepts; emulators require it to be sent).
    await kms.send(
      new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy: JSON.stringify(merged.document) }),
    );
  }
  return {
    policyStatementsAdded: merged.added,
    policyStatementsUpdated: merged.updated,
    policyChanged: merged.changed,
  };
}

const createKey: Executor = async ({ clients }, params) => {
  const tags = (params.Tags ?? []) as { TagKey: string; TagValue: string }[];
  const alias = tags.find((t) => t.TagKey === KEY_ALIAS_TAG)?.TagValue;
  if (!alias) throw new Error(`CreateKey needs the ${KEY_ALIAS_TAG} tag to stay idempotent`);
  const wanted = parsePolicy(String(params.Policy)).Statement as PolicyStatement[];
  const found = (await byAlias(clients.kms, alias)) ?? (await byTag(clients.kms, alias));
  if (found) {
    const policy = await mergeKeyPolicy(clients.kms, found.KeyId, wanted);
    const output = { KeyMetadata: { KeyId: found.KeyId, Arn: found.Arn }, reused: true, ...policy };
    return policy.policyChanged ? changed(output) : unchanged(output);
  }
  const { Tags: _tags, ...create } = params;
  const out = await clients.kms.send(new CreateKeyCommand(input<CreateKeyCommandInput>(create)));
  const meta = out.KeyMetadata;
  if (!meta?.KeyId || !meta.Arn) throw new Error("CreateKey returned no key");
  await clients.kms.send(new TagResourceCommand({ KeyId: meta.KeyId, Tags: tags }));
  return changed({ KeyMetadata: { KeyId: meta.KeyId, Arn: meta.Arn }, reused: false });
};

const createAlias: Executor = async ({ clients }, params) => {
  const alias = String(params.AliasName);
  const target = String(params.TargetKeyId);
  const existing = await byAlias(clients.kms, alias);
  if (existing) {
    if (existing.KeyId !== target && existing.Arn !== target)
      throw new Error(`alias ${alias} already names another key (${existing.Arn})`);
    return unchanged({ AliasName: alias, TargetKeyId: existing.KeyId });
  }
  try {
    await clients.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: target }));
  } catch (err) {
    if (hasCode(err, "AlreadyExistsException")) return unchanged({ AliasName: alias });
    throw err;
  }
  return changed({ AliasName: alias, TargetKeyId: target });
};

const enableKeyRotation: Executor = async ({ clients }, params) => {
  const keyId = String(params.KeyId);
  const status = await clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
  if (status.KeyRotationEnabled) return unchanged();
  await clients.kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
  return changed();
};

export const KMS_EXECUTORS: Record<string, Executor> = {
  CreateKey: createKey,
  CreateAlias: createAlias,
  EnableKeyRotation: enableKeyRotation,
};
