// The checks CloudTrail makes before it accepts CreateTrail or UpdateTrail, as AWS documents them
// (docs/aws-preconditions.md lists each with its page): the bucket policy lets CloudTrail check the
// bucket ACL and write under the trail's prefix; the KMS key policy lets CloudTrail generate data
// keys for this trail and the key is in the bucket's region; the CloudWatch Logs group exists and
// the role CloudTrail assumes trusts it without aws:SourceArn/aws:SourceAccount and may write to
// the group; five trails per region, a multi-region trail counting in every region.
import { MotoReader, SIM_REGIONS } from "@/sim/proxy/moto-reads";
import { evaluatePolicies, evaluatePolicy } from "@/sim/proxy/policy-evaluator";

export const TRAILS_PER_REGION = 5;
const CLOUDTRAIL = { service: "cloudtrail.amazonaws.com" };

export interface TrailConfig {
  account: string;
  region: string;
  name: string;
  arn: string;
  bucket: string | null;
  keyPrefix: string | null;
  kmsKeyId: string | null;
  logGroupArn: string | null;
  roleArn: string | null;
  multiRegion: boolean;
  organization: boolean;
}

export interface Refusal {
  code: string;
  message: string;
}

/** The parts of the configuration a call sets (UpdateTrail checks only those, CreateTrail all). */
export interface Touched {
  bucket: boolean;
  kms: boolean;
  logs: boolean;
  /** The trail becomes multi-region (new, or converted): counts in every region. */
  multiRegion: boolean;
  create: boolean;
}

export async function checkBucket(reader: MotoReader, t: TrailConfig, orgId: string | null): Promise<Refusal | null> {
  if (!t.bucket) return null;
  const policy = await reader.bucketPolicy(t.bucket, t.account);
  const refuse = {
    code: "InsufficientS3BucketPolicyException",
    message: `Incorrect S3 bucket policy is detected for bucket: ${t.bucket}`,
  };
  if (!policy) return refuse;
  const context: Record<string, string> = {
    "aws:SourceArn": t.arn,
    "aws:SourceAccount": t.account,
    "aws:SecureTransport": "true",
  };
  if (orgId) context["aws:SourceOrgID"] = orgId;
  const bucketArn = `arn:aws:s3:::${t.bucket}`;
  const acl = evaluatePolicy(policy, {
    principal: CLOUDTRAIL,
    action: "s3:GetBucketAcl",
    resource: bucketArn,
    context,
  });
  if (acl !== "allow") return refuse;
  const prefix = t.keyPrefix ? `${t.keyPrefix.replace(/\/+$/, "")}/` : "";
  const owners = t.organization && orgId ? [t.account, orgId] : [t.account];
  for (const owner of owners) {
    const put = evaluatePolicy(policy, {
      principal: CLOUDTRAIL,
      action: "s3:PutObject",
      resource: `${bucketArn}/${prefix}AWSLogs/${owner}/CloudTrail/${t.region}/2026/01/01/file.json.gz`,
      context: { ...context, "s3:x-amz-acl": "bucket-owner-full-control" },
    });
    if (put !== "allow") return refuse;
  }
  return null;
}

function keyLocation(t: TrailConfig): { account: string; region: string } {
  const parts = (t.kmsKeyId ?? "").split(":");
  return parts[0] === "arn" ? { account: parts[4] ?? t.account, region: parts[3] ?? t.region } : t;
}

export async function checkKey(reader: MotoReader, t: TrailConfig): Promise<Refusal | null> {
  if (!t.kmsKeyId) return null;
  const where = keyLocation(t);
  const key = await reader.key(t.kmsKeyId, where.account, where.region);
  if (!key)
    return {
      code: "KmsKeyNotFoundException",
      message: `KMS key ${t.kmsKeyId} does not exist in ${where.account}/${where.region}.`,
    };
  const refuse = {
    code: "InsufficientEncryptionPolicyException",
    message: `Insufficient permissions to access S3 bucket ${t.bucket ?? ""} or KMS key ${key.arn}.`,
  };
  const bucketRegion = t.bucket ? await reader.bucketRegion(t.bucket, t.account) : null;
  if (bucketRegion && bucketRegion !== key.region)
    return {
      ...refuse,
      message: `${refuse.message} The KMS key is in ${key.region}; the bucket is in ${bucketRegion} (they must be in the same region).`,
    };
  const context = {
    "aws:SourceArn": t.arn,
    "aws:SourceAccount": t.account,
    "kms:EncryptionContext:aws:cloudtrail:arn": t.arn,
  };
  const ask = (action: string) =>
    evaluatePolicy(key.policy, { principal: CLOUDTRAIL, action, resource: key.arn, context });
  if (ask("kms:GenerateDataKey") !== "allow" || ask("kms:DescribeKey") !== "allow") return refuse;
  const encryption = t.bucket ? await reader.bucketEncryption(t.bucket, t.account) : null;
  if (encryption?.bucketKey && encryption.algorithm === "aws:kms" && ask("kms:Decrypt") !== "allow")
    return {
      ...refuse,
      message: `${refuse.message} The bucket uses an S3 Bucket Key: CloudTrail also needs kms:Decrypt.`,
    };
  return null;
}

export async function checkLogs(
  reader: MotoReader,
  t: TrailConfig,
  roleSettling: (arn: string) => boolean,
): Promise<Refusal | null> {
  if (!t.logGroupArn && !t.roleArn) return null;
  const group = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(t.logGroupArn ?? "");
  if (
    !group ||
    group[1] !== t.region ||
    group[2] !== t.account ||
    !(await reader.logGroupExists(group[3]!, t.account, t.region))
  )
    return {
      code: "InvalidCloudWatchLogsLogGroupArnException",
      message: `CloudWatch Logs log group ${t.logGroupArn ?? "(none)"} does not exist in ${t.account}/${t.region}.`,
    };
  const roleRefusal = {
    code: "InvalidCloudWatchLogsRoleArnException",
    message: "Access denied. Verify in IAM that the role has adequate permissions.",
  };
  const role = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(t.roleArn ?? "");
  if (!role || role[1] !== t.account) return roleRefusal;
  const found = await reader.role(role[2]!, role[1]!);
  if (!found || roleSettling(t.roleArn!)) return roleRefusal;
  // This role does not support aws:SourceArn or aws:SourceAccount: CloudTrail sends neither.
  const trusted = evaluatePolicy(found.trust, {
    principal: CLOUDTRAIL,
    action: "sts:AssumeRole",
    resource: t.roleArn!,
    context: {},
  });
  if (trusted !== "allow")
    return {
      ...roleRefusal,
      message: `${roleRefusal.message} CloudTrail cannot assume ${t.roleArn} (check its trust policy).`,
    };
  const stream = `arn:aws:logs:${t.region}:${t.account}:log-group:${group[3]}:log-stream:${t.account}_CloudTrail_${t.region}`;
  const policies = [...found.inline, ...found.attached];
  for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
    if (evaluatePolicies(policies, { action, resource: stream, context: {} }) !== "allow") return roleRefusal;
  }
  return null;
}

/** Five trails per region; a multi-region trail counts in every region. */
export async function checkTrailCount(reader: MotoReader, t: TrailConfig, touched: Touched): Promise<Refusal | null> {
  if (!touched.create && !touched.multiRegion) return null;
  const regions = [...new Set([...SIM_REGIONS, t.region])];
  const homed = new Map<string, { arn: string; multiRegion: boolean }[]>();
  for (const r of regions) homed.set(r, await reader.trailsHomedIn(t.account, r));
  const everywhere = [...homed.values()].flat().filter((x) => x.multiRegion && x.arn !== t.arn).length;
  const wanted = t.multiRegion ? regions : [t.region];
  for (const r of wanted) {
    const here = homed.get(r)!.filter((x) => !x.multiRegion && x.arn !== t.arn).length + everywhere;
    if (here >= TRAILS_PER_REGION)
      return {
        code: "MaximumNumberOfTrailsExceededException",
        message: `User: ${t.account} already has ${TRAILS_PER_REGION} trails in ${r}.`,
      };
  }
  return null;
}

/** The Organizations reads CloudTrail makes with the caller's permissions for an organization trail. */
export const ORGANIZATION_TRAIL_ACTIONS = [
  "organizations:DescribeOrganization",
  "organizations:ListAWSServiceAccessForOrganization",
];

/**
 * An organization trail is created or changed only from the management account, with CloudTrail's
 * trusted access enabled, by a caller allowed the Organizations reads CloudTrail makes for it.
 * `callerRole`: the role the call's credentials came from (undefined: the account's own
 * credentials, taken as an administrator).
 */
export async function checkOrganization(
  reader: MotoReader,
  t: TrailConfig,
  callerRole: string | undefined,
): Promise<Refusal | null> {
  if (!t.organization) return null;
  const org = await reader.organization(t.account);
  if (!org || org.managementAccountId !== t.account)
    return {
      code: "NotOrganizationMasterAccountException",
      message: `The request was rejected because account ${t.account} is not the management account of an organization.`,
    };
  if (!(await reader.organizationServiceAccess(t.account)).includes("cloudtrail.amazonaws.com"))
    return {
      code: "CloudTrailAccessNotEnabledException",
      message: "Trusted access between CloudTrail and AWS Organizations is not enabled.",
    };
  if (!callerRole) return null;
  const role = await reader.role(callerRole.split("/").pop() ?? "", callerRole.split(":")[4] ?? t.account);
  const policies = role ? [...role.inline, ...role.attached] : [];
  const missing = ORGANIZATION_TRAIL_ACTIONS.filter(
    (action) => evaluatePolicies(policies, { action, resource: "*", context: {} }) !== "allow",
  );
  return missing.length === 0
    ? null
    : {
        code: "InsufficientDependencyServiceAccessPermissionException",
        message: `${callerRole} lacks ${missing.join(", ")}, which an organization trail requires.`,
      };
}
