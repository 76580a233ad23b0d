// S3 executors. Settings already in place are left as they are: an existing encryption, logging
// target or lifecycle rule is never replaced; bucket policies, tags and lifecycle rules are merged.
// Every call names the bucket's owner as the plan knows it (the step's target account) with
// ExpectedBucketOwner: S3 refuses the call (403) when a bucket of that name belongs to another
// account, so a squatted or re-created name is never adopted, written to or read from.
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type CreateBucketCommandInput,
  type LifecycleRule,
  type PutBucketEncryptionCommandInput,
  type PutBucketLoggingCommandInput,
  type PutPublicAccessBlockCommandInput,
  type Tag,
} from "@aws-sdk/client-s3";
import {
  changed,
  errorCode,
  hasCode,
  input,
  unchanged,
  type Executor,
} from "@/lib/remediate/apply/execute/executor-types";
import { isAccumulating } from "@/lib/remediate/plan/policies/bucket-policy-statements";
import { mergeStatements, parsePolicy, type PolicyStatement } from "@/lib/remediate/plan/policies/policy-document";
import type { JsonObject } from "@/lib/remediate/plan/plan-types";

/** 403: S3's answer to ExpectedBucketOwner naming someone else (a HEAD answer has no error code). */
function isForbidden(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 403 || hasCode(err, "Forbidden", "AccessDenied");
}

function ownedElsewhere(bucket: string, owner: string): Error {
  return new Error(
    `bucket ${bucket} exists and is not owned by account ${owner}: it is never adopted (choose another name prefix, or remove the bucket if it is yours)`,
  );
}

const createBucket: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const bucket = String(params.Bucket);
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
    return unchanged({ Bucket: bucket });
  } catch (err) {
    if (isForbidden(err)) throw ownedElsewhere(bucket, owner);
    if (!hasCode(err, "NotFound", "NoSuchBucket", "404")) throw err;
  }
  try {
    const out = await clients.s3.send(new CreateBucketCommand(input<CreateBucketCommandInput>(params)));
    return changed({ Bucket: bucket, Location: out.Location ?? null });
  } catch (err) {
    if (hasCode(err, "BucketAlreadyOwnedByYou")) return unchanged({ Bucket: bucket });
    // Taken between HeadBucket and CreateBucket, by another account.
    if (hasCode(err, "BucketAlreadyExists")) throw ownedElsewhere(bucket, owner);
    throw err;
  }
};

const putBucketTagging: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const bucket = String(params.Bucket);
  const wanted = ((params.Tagging as JsonObject).TagSet ?? []) as unknown as Tag[];
  let current: Tag[] = [];
  try {
    current =
      (await clients.s3.send(new GetBucketTaggingCommand({ Bucket: bucket, ExpectedBucketOwner: owner }))).TagSet ?? [];
  } catch (err) {
    if (!hasCode(err, "NoSuchTagSet", "NoSuchTagSetError")) throw err;
  }
  const missing = wanted.filter((t) => !current.some((c) => c.Key === t.Key));
  if (missing.length === 0) return unchanged();
  await clients.s3.send(
    new PutBucketTaggingCommand({
      Bucket: bucket,
      ExpectedBucketOwner: owner,
      Tagging: { TagSet: [...current, ...missing] },
    }),
  );
  return changed({ added: missing.map((t) => t.Key ?? "") });
};

const putPublicAccessBlock: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  try {
    const c = (
      await clients.s3.send(
        new GetPublicAccessBlockCommand({ Bucket: String(params.Bucket), ExpectedBucketOwner: owner }),
      )
    ).PublicAccessBlockConfiguration;
    if (c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets) return unchanged();
  } catch (err) {
    if (!hasCode(err, "NoSuchPublicAccessBlockConfiguration")) throw err;
  }
  await clients.s3.send(
    new PutPublicAccessBlockCommand({ ...input<PutPublicAccessBlockCommandInput>(params), ExpectedBucketOwner: owner }),
  );
  return changed();
};

const putBucketVersioning: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const current = await clients.s3.send(
    new GetBucketVersioningCommand({ Bucket: String(params.Bucket), ExpectedBucketOwner: owner }),
  );
  if (current.Status === "Enabled") return unchanged();
  await clients.s3.send(
    new PutBucketVersioningCommand({
      Bucket: String(params.Bucket),
      ExpectedBucketOwner: owner,
      VersioningConfiguration: { Status: "Enabled" },
    }),
  );
  return changed({ from: current.Status ?? "never enabled" });
};

const putBucketEncryption: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  try {
    const current = await clients.s3.send(
      new GetBucketEncryptionCommand({ Bucket: String(params.Bucket), ExpectedBucketOwner: owner }),
    );
    const rules = current.ServerSideEncryptionConfiguration?.Rules ?? [];
    if (rules.length > 0) return unchanged({ kept: JSON.parse(JSON.stringify(rules)) as JsonObject[] });
  } catch (err) {
    // AWS answers SSE-S3 for a never-configured bucket; emulators answer an error instead.
    if (!/ServerSideEncryptionConfigurationNotFound|NoSuchEncryptionConfiguration/.test(errorCode(err))) throw err;
  }
  await clients.s3.send(
    new PutBucketEncryptionCommand({ ...input<PutBucketEncryptionCommandInput>(params), ExpectedBucketOwner: owner }),
  );
  return changed();
};

const putBucketPolicy: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const bucket = String(params.Bucket);
  let text: string | undefined;
  try {
    text = (await clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner }))).Policy;
  } catch (err) {
    if (!hasCode(err, "NoSuchBucketPolicy")) throw err;
  }
  const wanted = parsePolicy(String(params.Policy)).Statement as PolicyStatement[];
  const merged = mergeStatements(parsePolicy(text), wanted, { accumulate: isAccumulating });
  if (merged.conflicts.length > 0)
    throw new Error(`bucket ${bucket}: statements ${merged.conflicts.join(", ")} already exist with other content`);
  const summary = {
    added: merged.added,
    updated: merged.updated,
    kept: merged.document.Statement.length - merged.added.length,
  };
  if (!merged.changed) return unchanged(summary);
  const policy = JSON.stringify(merged.document);
  await clients.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: owner, Policy: policy }));
  return changed({ ...summary, Policy: policy });
};

const putBucketLogging: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const current = await clients.s3.send(
    new GetBucketLoggingCommand({ Bucket: String(params.Bucket), ExpectedBucketOwner: owner }),
  );
  if (current.LoggingEnabled?.TargetBucket) return unchanged({ TargetBucket: current.LoggingEnabled.TargetBucket });
  await clients.s3.send(
    new PutBucketLoggingCommand({ ...input<PutBucketLoggingCommandInput>(params), ExpectedBucketOwner: owner }),
  );
  return changed();
};

const putBucketLifecycle: Executor = async ({ clients, step }, params) => {
  const owner = step.targetAccountId;
  const bucket = String(params.Bucket);
  let rules: LifecycleRule[] = [];
  try {
    rules =
      (
        await clients.s3.send(
          new GetBucketLifecycleConfigurationCommand({ Bucket: bucket, ExpectedBucketOwner: owner }),
        )
      ).Rules ?? [];
  } catch (err) {
    if (!hasCode(err, "NoSuchLifecycleConfiguration")) throw err;
  }
  const wanted = ((params.LifecycleConfiguration as JsonObject).Rules ?? []) as unknown as LifecycleRule[];
  const missing = wanted.filter((w) => !rules.some((r) => r.ID === w.ID));
  if (missing.length === 0) return unchanged();
  await clients.s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      ExpectedBucketOwner: owner,
      LifecycleConfiguration: { Rules: [...rules, ...missing] },
    }),
  );
  return changed({ added: missing.map((r) => r.ID ?? ""), kept: rules.length });
};

export const S3_EXECUTORS: Record<string, Executor> = {
  CreateBucket: createBucket,
  PutBucketTagging: putBucketTagging,
  PutPublicAccessBlock: putPublicAccessBlock,
  PutBucketVersioning: putBucketVersioning,
  PutBucketEncryption: putBucketEncryption,
  PutBucketPolicy: putBucketPolicy,
  PutBucketLogging: putBucketLogging,
  PutBucketLifecycleConfiguration: putBucketLifecycle,
};
