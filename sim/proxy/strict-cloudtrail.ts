// Strict CloudTrail: CreateTrail and UpdateTrail are answered with the error AWS gives when a
// precondition does not hold (cloudtrail-preconditions.ts), instead of moto's unconditional
// success. The configuration checked is the call's, completed by the trail's current one for
// UpdateTrail; UpdateTrail checks only what it changes, CreateTrail everything.
import { AssumedRoles } from "@/sim/proxy/assumed-roles";
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import {
  checkBucket,
  checkKey,
  checkLogs,
  checkOrganization,
  checkTrailCount,
  type TrailConfig,
  type Touched,
} from "@/sim/proxy/cloudtrail-preconditions";
import type { AwsCall } from "@/sim/proxy/describe-call";
import { DEFAULT_ACCOUNT, MotoReader } from "@/sim/proxy/moto-reads";

export interface StrictCloudTrailOptions {
  /** Whether a role is still settling (eventual-consistency.ts); never, by default. */
  roleSettling?: (roleArn: string) => boolean;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);

async function configOf(
  call: AwsCall,
  reader: MotoReader,
): Promise<{ config: TrailConfig; touched: Touched } | "missing"> {
  const input = call.input ?? {};
  const account = call.accountId ?? DEFAULT_ACCOUNT;
  const create = call.operation === "CreateTrail";
  const nameOrArn = String(input.Name ?? "");
  const current = create ? null : await reader.trail(nameOrArn, account, call.region);
  if (!create && !current) return "missing";
  const name = nameOrArn.split("/").pop() ?? nameOrArn;
  const region = (str(current?.TrailARN)?.split(":")[3] ?? call.region) || call.region;
  const pick = (key: string, currentKey = key) => (key in input ? str(input[key]) : str(current?.[currentKey]));
  const wasMulti = Boolean(current?.IsMultiRegionTrail);
  const multiRegion = bool(input.IsMultiRegionTrail) ?? wasMulti;
  const config: TrailConfig = {
    account,
    region,
    name,
    arn: str(current?.TrailARN) ?? `arn:aws:cloudtrail:${region}:${account}:trail/${name}`,
    bucket: pick("S3BucketName"),
    keyPrefix: pick("S3KeyPrefix"),
    kmsKeyId: pick("KmsKeyId"),
    logGroupArn: pick("CloudWatchLogsLogGroupArn"),
    roleArn: pick("CloudWatchLogsRoleArn"),
    multiRegion,
    organization: bool(input.IsOrganizationTrail) ?? Boolean(current?.IsOrganizationTrail),
  };
  const touched: Touched = {
    create,
    bucket: create || "S3BucketName" in input || "S3KeyPrefix" in input,
    kms: create || "KmsKeyId" in input || ("S3BucketName" in input && Boolean(config.kmsKeyId)),
    logs: create || "CloudWatchLogsLogGroupArn" in input || "CloudWatchLogsRoleArn" in input,
    multiRegion: multiRegion && (create || !wasMulti),
  };
  return { config, touched };
}

export function strictCloudTrail(options: StrictCloudTrailOptions = {}): ProxyInterceptor {
  const settling = options.roleSettling ?? (() => false);
  const roles = new AssumedRoles();
  return {
    name: "strict-cloudtrail",
    observe: (call, answer) => roles.observe(call, answer),
    async intercept(call, ctx) {
      if (call.service !== "cloudtrail" || (call.operation !== "CreateTrail" && call.operation !== "UpdateTrail"))
        return undefined;
      const reader = new MotoReader(ctx);
      const described = await configOf(call, reader);
      if (described === "missing") return undefined; // moto answers TrailNotFoundException itself
      const { config, touched } = described;
      const orgId = touched.bucket ? ((await reader.organization(config.account))?.id ?? null) : null;
      const refusal =
        (await checkOrganization(reader, config, roles.roleOf(call))) ??
        (await checkTrailCount(reader, config, touched)) ??
        (touched.bucket ? await checkBucket(reader, config, orgId) : null) ??
        (touched.kms ? await checkKey(reader, config) : null) ??
        (touched.logs ? await checkLogs(reader, config, settling) : null);
      return refusal ? ctx.awsError(call, 400, refusal.code, refusal.message) : undefined;
    },
  };
}
