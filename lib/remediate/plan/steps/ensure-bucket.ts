// Steps for buckets: access-log buckets first (a bucket's logging target must exist), then the
// trail buckets: create, block public access, versioning, default encryption, the policy (merged:
// TLS-only deny and the trail's delivery statements), server access logging, retention.
// Each step is an "ensure": its executor reads the current setting and changes only what is missing.
import type { AccessLogBucketNeed, BucketNeed, PlanInputs } from "@/lib/remediate/plan/plan-needs";
import {
  accessLogDeliveryStatement,
  cloudTrailDeliveryStatements,
  denyInsecureTransportStatement,
} from "@/lib/remediate/plan/policies/bucket-policy-statements";
import { policyDocument, statementSids, type PolicyStatement } from "@/lib/remediate/plan/policies/policy-document";
import type { JsonObject } from "@/lib/remediate/plan/plan-types";
import { bucketArn, MANAGED_BY_TAG, type NameContext } from "@/lib/remediate/plan/resource-names";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

interface Target {
  name: string;
  accountId: string;
  region: string;
}

function createBucket(list: StepList, n: NameContext, b: Target, why: string, controls: Iterable<string>): void {
  const params: JsonObject = { Bucket: b.name, ObjectOwnership: "BucketOwnerEnforced" };
  if (b.region !== "us-east-1") params.CreateBucketConfiguration = { LocationConstraint: b.region };
  list.add(
    makeStep({
      title: `Create bucket ${b.name}`,
      why,
      controls,
      service: "s3",
      operation: "CreateBucket",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "create",
      changes: [{ attribute: "Bucket", from: null, to: b.name }],
      params,
    }),
  );
  list.add(
    makeStep({
      title: `Tag bucket ${b.name}`,
      why: "marks the bucket as created by Trailwarden",
      controls,
      service: "s3",
      operation: "PutBucketTagging",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "merge",
      changes: [{ attribute: `Tag ${MANAGED_BY_TAG.key}`, from: null, to: MANAGED_BY_TAG.value }],
      params: { Bucket: b.name, Tagging: { TagSet: [{ Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value }] } },
    }),
  );
}

function blockPublicAccess(list: StepList, n: NameContext, b: Target, why: string, controls: Iterable<string>): void {
  const config = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };
  list.add(
    makeStep({
      title: `Block all public access to ${b.name}`,
      why,
      controls,
      service: "s3",
      operation: "PutPublicAccessBlock",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "update",
      changes: [{ attribute: "PublicAccessBlockConfiguration", from: "not fully on", to: config }],
      params: { Bucket: b.name, PublicAccessBlockConfiguration: config },
    }),
  );
}

function encryption(list: StepList, n: NameContext, b: Target, why: string): void {
  const rules = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: true }] };
  list.add(
    makeStep({
      title: `Default encryption on ${b.name} (only if none is set)`,
      why,
      controls: [],
      service: "s3",
      operation: "PutBucketEncryption",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "update",
      changes: [
        {
          attribute: "ServerSideEncryptionConfiguration",
          from: "none",
          to: "SSE-S3 (AES256); an existing configuration is kept",
        },
      ],
      params: { Bucket: b.name, ServerSideEncryptionConfiguration: rules },
    }),
  );
}

function mergePolicy(
  list: StepList,
  n: NameContext,
  b: Target,
  statements: PolicyStatement[],
  why: string,
  controls: Iterable<string>,
): void {
  const doc = policyDocument(statements);
  list.add(
    makeStep({
      title: `Merge statements into the policy of ${b.name}`,
      why,
      controls,
      service: "s3",
      operation: "PutBucketPolicy",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "merge",
      changes: [
        { attribute: "Policy statements (added by Sid; existing statements kept)", from: null, to: statementSids(doc) },
      ],
      params: { Bucket: b.name, Policy: JSON.stringify(doc) },
    }),
  );
}

function lifecycle(list: StepList, n: NameContext, b: Target, days: number, why: string): void {
  const rule = {
    ID: `${n.prefix}retention`,
    Status: "Enabled",
    Filter: { Prefix: "" },
    Expiration: { Days: days },
    NoncurrentVersionExpiration: { NoncurrentDays: days },
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
  };
  list.add(
    makeStep({
      title: `Retention lifecycle on ${b.name} (${days} days)`,
      why,
      controls: [],
      service: "s3",
      operation: "PutBucketLifecycleConfiguration",
      region: b.region,
      targetAccountId: b.accountId,
      resource: bucketArn(n, b.name),
      action: "merge",
      changes: [{ attribute: `Lifecycle rule ${rule.ID}`, from: null, to: `expire after ${days} days` }],
      params: { Bucket: b.name, LifecycleConfiguration: { Rules: [rule] } },
    }),
  );
}

export function emitAccessLogBucket(list: StepList, inputs: PlanInputs, need: AccessLogBucketNeed): void {
  const n = inputs.names;
  const why = `receives the server access logs of ${need.sources.map((s) => `\`${s.bucket}\``).join(", ")} (CloudTrail.7)`;
  if (need.create) {
    createBucket(list, n, need, why, ["CloudTrail.7"]);
    blockPublicAccess(list, n, need, "access logs must not be public", []);
    encryption(list, n, need, "access logs are encrypted at rest");
  }
  const statements = [
    ...need.sources.map((s) => accessLogDeliveryStatement(n, need.name, s.bucket, s.accountId)),
    denyInsecureTransportStatement(n, need.name),
  ];
  mergePolicy(list, n, need, statements, `lets the S3 logging service write ${why.replace(/^receives /, "")}`, [
    "CloudTrail.7",
  ]);
  if (need.create)
    lifecycle(list, n, need, inputs.settings.bucketRetentionDays, "access logs are kept as long as the trail logs");
}

const SHARED_SCOPE =
  "scoped with aws:SourceAccount and aws:SourceArn (one statement per purpose: other accounts' entries are " +
  "kept and added to)";

export function emitTrailBucket(list: StepList, inputs: PlanInputs, need: BucketNeed): void {
  const n = inputs.names;
  const why = need.why.join("; ");
  if (need.create) createBucket(list, n, need, why, need.controls);
  if (need.blockPublicAccess)
    blockPublicAccess(
      list,
      n,
      need,
      `CloudTrail logs must never be public (CloudTrail.6)${need.create ? "" : `: ${why}`}`,
      ["CloudTrail.6"],
    );
  if (need.versioning) {
    list.add(
      makeStep({
        title: `Versioning on ${need.name}`,
        why: "log files cannot be silently overwritten",
        controls: [],
        service: "s3",
        operation: "PutBucketVersioning",
        region: need.region,
        targetAccountId: need.accountId,
        resource: bucketArn(n, need.name),
        action: "update",
        changes: [{ attribute: "Versioning", from: "not enabled", to: "Enabled" }],
        params: { Bucket: need.name, VersioningConfiguration: { Status: "Enabled" } },
      }),
    );
  }
  if (need.encryption)
    encryption(list, n, need, "log files are encrypted at rest even before CloudTrail's KMS encryption applies");
  const statements: PolicyStatement[] = [];
  if (need.tlsOnly) statements.push(denyInsecureTransportStatement(n, need.name));
  // A bucket the plan creates is the account's own; an existing one (the central bucket) is shared.
  statements.push(...cloudTrailDeliveryStatements(n, need.deliveries, { shared: !need.create }));
  if (statements.length > 0) {
    const trails = need.deliveries.map((d) => d.trailArn).join(", ");
    mergePolicy(
      list,
      n,
      need,
      statements,
      `TLS-only access${trails ? ` and CloudTrail delivery for ${trails}, ${need.create ? "scoped with aws:SourceArn" : SHARED_SCOPE}` : ""}`,
      need.controls,
    );
  }
  if (need.accessLogTarget) {
    const config = { LoggingEnabled: { TargetBucket: need.accessLogTarget, TargetPrefix: `${need.name}/` } };
    list.add(
      makeStep({
        title: `Server access logging for ${need.name}`,
        why: `bucket \`${need.name}\` has server access logging off (CloudTrail.7)`,
        controls: ["CloudTrail.7"],
        service: "s3",
        operation: "PutBucketLogging",
        region: need.region,
        targetAccountId: need.accountId,
        resource: bucketArn(n, need.name),
        action: "update",
        changes: [{ attribute: "LoggingEnabled", from: null, to: config.LoggingEnabled }],
        params: { Bucket: need.name, BucketLoggingStatus: config },
      }),
    );
  }
  if (need.lifecycle)
    lifecycle(
      list,
      n,
      need,
      inputs.settings.bucketRetentionDays,
      "log files are kept for the configured retention, then expire",
    );
}
