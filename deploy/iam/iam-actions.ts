// From an AWS SDK v3 call (client package + operation) to the IAM actions AWS authorizes it with.
// Most operations are authorized by `<prefix>:<Operation>`; the exceptions, and the extra actions
// some calls need because of how Trailwarden sends them (tags on creation, a role passed to
// CloudTrail), are listed here with the reason, so the consistency test can derive every policy's
// action list from the source code alone.

/** The IAM service prefix of each SDK client package. */
export const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  "@aws-sdk/client-account": "account",
  "@aws-sdk/client-cloudtrail": "cloudtrail",
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  "@aws-sdk/client-cloudwatch-logs": "logs",
  "@aws-sdk/client-config-service": "config",
  "@aws-sdk/client-ec2": "ec2",
  "@aws-sdk/client-iam": "iam",
  "@aws-sdk/client-kms": "kms",
  "@aws-sdk/client-organizations": "organizations",
  "@aws-sdk/client-s3": "s3",
  "@aws-sdk/client-securityhub": "securityhub",
  "@aws-sdk/client-sns": "sns",
  "@aws-sdk/client-sts": "sts",
};

/**
 * Operations whose IAM action is not `<prefix>:<Operation>` (Service Authorization Reference).
 * An empty list: the call needs no permission.
 */
export const ACTION_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  "sts:GetCallerIdentity": [],
  "s3:ListBuckets": ["s3:ListAllMyBuckets"],
  "s3:HeadBucket": ["s3:ListBucket"],
  "s3:ListObjectsV2": ["s3:ListBucket"],
  "s3:ListObjectVersions": ["s3:ListBucketVersions"],
  "s3:HeadObject": ["s3:GetObject"],
  "s3:GetPublicAccessBlock": ["s3:GetBucketPublicAccessBlock"],
  "s3:PutPublicAccessBlock": ["s3:PutBucketPublicAccessBlock"],
  "s3:DeletePublicAccessBlock": ["s3:PutBucketPublicAccessBlock"],
  "s3:GetBucketEncryption": ["s3:GetEncryptionConfiguration"],
  "s3:PutBucketEncryption": ["s3:PutEncryptionConfiguration"],
  "s3:DeleteBucketEncryption": ["s3:PutEncryptionConfiguration"],
  "s3:GetBucketLifecycleConfiguration": ["s3:GetLifecycleConfiguration"],
  "s3:PutBucketLifecycleConfiguration": ["s3:PutLifecycleConfiguration"],
  "s3:DeleteBucketLifecycle": ["s3:PutLifecycleConfiguration"],
  "s3:GetBucketReplication": ["s3:GetReplicationConfiguration"],
  "s3:PutBucketReplication": ["s3:PutReplicationConfiguration"],
  "s3:GetBucketNotificationConfiguration": ["s3:GetBucketNotification"],
  "s3:PutBucketNotificationConfiguration": ["s3:PutBucketNotification"],
  "s3:GetBucketAccelerateConfiguration": ["s3:GetAccelerateConfiguration"],
  "s3:PutBucketAccelerateConfiguration": ["s3:PutAccelerateConfiguration"],
  "s3:DeleteBucketTagging": ["s3:PutBucketTagging"],
  "s3:DeleteBucketWebsite": ["s3:DeleteBucketWebsite"],
  "s3:GetObjectLockConfiguration": ["s3:GetBucketObjectLockConfiguration"],
  "s3:PutObjectLockConfiguration": ["s3:PutBucketObjectLockConfiguration"],
};

/**
 * S3 operations checked to be authorized by `s3:<Operation>`. S3 is where operation and action
 * names differ most often: an S3 operation in neither this list nor ACTION_EXCEPTIONS fails the
 * consistency test until someone looks it up, instead of granting an action that does not exist.
 */
export const S3_SAME_NAME: ReadonlySet<string> = new Set([
  "CreateBucket",
  "DeleteBucket",
  "DeleteBucketPolicy",
  "GetBucketAcl",
  "GetBucketLocation",
  "GetBucketLogging",
  "GetBucketOwnershipControls",
  "GetBucketPolicy",
  "GetBucketPolicyStatus",
  "GetBucketTagging",
  "GetBucketVersioning",
  "GetObject",
  "PutBucketAcl",
  "PutBucketLogging",
  "PutBucketOwnershipControls",
  "PutBucketPolicy",
  "PutBucketTagging",
  "PutBucketVersioning",
]);

export interface CompanionRule {
  actions: readonly string[];
  why: string;
}

/**
 * Actions a call needs besides its own, because of parameters Trailwarden sends with it. Keyed by
 * the call's own IAM action (`service:Operation` as sent).
 */
export const COMPANION_ACTIONS: Readonly<Record<string, CompanionRule>> = {
  "s3:CreateBucket": {
    actions: ["s3:PutBucketOwnershipControls"],
    why: "CreateBucket is sent with ObjectOwnership=BucketOwnerEnforced (x-amz-object-ownership), which S3 authorizes as s3:PutBucketOwnershipControls",
  },
  "logs:CreateLogGroup": {
    actions: ["logs:TagResource"],
    why: "CreateLogGroup is sent with tags; tagging on creation needs logs:TagResource",
  },
  "iam:CreateRole": {
    actions: ["iam:TagRole"],
    why: "CreateRole is sent with Tags; tagging on creation needs iam:TagRole",
  },
  "sns:CreateTopic": {
    actions: ["sns:TagResource"],
    why: "CreateTopic is sent with Tags; tagging on creation needs sns:TagResource",
  },
  "cloudtrail:CreateTrail": {
    actions: [
      "cloudtrail:AddTags",
      "iam:PassRole",
      "organizations:DescribeOrganization",
      "organizations:ListAWSServiceAccessForOrganization",
    ],
    why:
      "CreateTrail is sent with TagsList (needs cloudtrail:AddTags) and CloudWatchLogsRoleArn (the delivery role is " +
      "passed to CloudTrail: iam:PassRole); an organization trail is created only for a caller allowed the " +
      'Organizations reads CloudTrail makes with its permissions ("Prepare for creating a trail for your organization")',
  },
  "organizations:CreatePolicy": {
    actions: ["organizations:TagResource"],
    why: "CreatePolicy is sent with Tags (ManagedBy=trailwarden, how the guardrail is recognised); tagging on creation needs organizations:TagResource",
  },
  "cloudtrail:UpdateTrail": {
    actions: [
      "iam:PassRole",
      "organizations:DescribeOrganization",
      "organizations:ListAWSServiceAccessForOrganization",
    ],
    why:
      "UpdateTrail may set CloudWatchLogsRoleArn: the delivery role is passed to CloudTrail (iam:PassRole); on an " +
      "organization trail CloudTrail reads the organization with the caller's permissions (\"Prepare for creating a " +
      'trail for your organization"), and answers InsufficientDependencyServiceAccessPermissionException without them',
  },
  "sts:AssumeRole": {
    actions: ["sts:SetSourceIdentity"],
    why: "remediation sessions are opened with SourceIdentity (the signed-in user who asked), which STS authorizes as sts:SetSourceIdentity",
  },
  "cloudtrail:UpdateEventDataStore": {
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    why: "UpdateEventDataStore is sent with KmsKeyId: CloudTrail Lake requires the caller to be able to use the key it encrypts the store with",
  },
};

export class UnknownActionError extends Error {
  override name = "UnknownActionError";
}

/** The IAM service prefix of an SDK package; throws for a package not in SERVICE_PREFIX. */
export function servicePrefix(pkg: string): string {
  const prefix = SERVICE_PREFIX[pkg];
  if (!prefix)
    throw new UnknownActionError(
      `${pkg}: no IAM service prefix known; add it to SERVICE_PREFIX in deploy/iam/iam-actions.ts`,
    );
  return prefix;
}

/** The IAM actions that authorize `operation` of `pkg`, companions included. */
export function iamActionsFor(pkg: string, operation: string): string[] {
  const prefix = servicePrefix(pkg);
  const sent = `${prefix}:${operation}`;
  let own: readonly string[];
  if (sent in ACTION_EXCEPTIONS) own = ACTION_EXCEPTIONS[sent]!;
  else if (prefix === "s3" && !S3_SAME_NAME.has(operation)) {
    throw new UnknownActionError(
      `${sent}: S3 action names often differ from operation names; look it up in the Service Authorization Reference and add it to ACTION_EXCEPTIONS or S3_SAME_NAME in deploy/iam/iam-actions.ts`,
    );
  } else own = [sent];
  const companions = COMPANION_ACTIONS[sent]?.actions ?? [];
  return [...new Set([...own, ...companions])].sort();
}
