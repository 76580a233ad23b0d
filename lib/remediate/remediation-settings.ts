// Remediation settings: where new trails deliver (a bucket per account, or the organization's
// central log-archive bucket), who the CIS alarms notify, retention, and the name prefix of every
// resource Trailwarden creates. Environment variables win over the settings page (Setting rows
// with keys `remediation.*`), as for every other Trailwarden setting. Parsed here, once, with zod.
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** CloudWatch Logs accepts only these retention values. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be a region name like us-east-1");

export const snsTopicArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/, "must be an SNS topic ARN");

/** Per-plan answers to what the plan asked for (the alarm destination), over the stored settings. */
export const planOverridesSchema = z
  .object({
    alarmEmail: z.email().optional(),
    alarmTopicArn: snsTopicArn.optional(),
    /** The organization fix: also deploy (true) or leave out (false) the AWS Config rule, for this plan. */
    configRule: z.boolean().optional(),
  })
  .strict();
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

const bucketSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("per-account") }),
  z.object({
    mode: z.literal("central"),
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
    ownerAccountId: accountId,
    region,
  }),
]);

const organizationSchema = z.object({
  /** CloudTrail's delegated administrator (owns the organization trail); null: the management account. */
  cloudTrailAdminAccountId: accountId.nullable().default(null),
  /** Root or OU ids the guardrail SCP is attached to; empty: the organization's root. */
  guardrailTargets: z
    .array(
      z
        .string()
        .regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, "must be a root id (r-…) or an OU id (ou-…)"),
    )
    .default([]),
  /** Roles the guardrail does not stop (break-glass), besides the remediation role. */
  breakGlassRoleArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/[\w+=,.@\/*-]+$/, "must be an IAM role ARN"))
    .default([]),
  /**
   * Also deploy AWS Config's managed rule multi-region-cloudtrail-enabled to every account as an
   * organization Config rule, from the management account. Off by default: AWS Config bills each
   * evaluation, and the rule only evaluates where a configuration recorder runs.
   */
  configRule: z.boolean().default(false),
});

export const remediationSettingsSchema = z.object({
  namePrefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,20}$/, "lowercase letters, digits and hyphens")
    .default("trailwarden-"),
  bucket: bucketSchema.default({ mode: "per-account" }),
  alarmEmail: z.email().nullable().default(null),
  /** An existing SNS topic for the CIS alarms (someone already subscribed to it); wins over alarmEmail. */
  alarmTopicArn: snsTopicArn.nullable().default(null),
  logRetentionDays: z
    .number()
    .int()
    .refine(
      (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
      `must be one of ${LOG_RETENTION_DAYS.join(", ")}`,
    )
    .default(365),
  bucketRetentionDays: z.number().int().min(1).max(3650).default(400),
  homeRegion: region.default("us-east-1"),
  requiredTagKeys: z.array(z.string().min(1)).default([]),
  /** Values for required tag keys a trail lacks (CloudTrail.9); a key without one is left to a person. */
  tagValues: z.record(z.string(), z.string()).default({}),
  /** Mutating calls per second per account and region (docs/controls.md quota: 1). */
  mutationsPerSecond: z.number().positive().max(10).default(1),
  /** The organization fix (organization trail + guardrail SCP). */
  organization: organizationSchema.default({
    cloudTrailAdminAccountId: null,
    guardrailTargets: [],
    breakGlassRoleArns: [],
    configRule: false,
  }),
});

export type RemediationSettings = z.infer<typeof remediationSettingsSchema>;

/** The settings a plan uses: the stored ones with the plan's own answers on top. */
export function withOverrides(
  settings: RemediationSettings,
  overrides: PlanOverrides | undefined,
): RemediationSettings {
  if (!overrides) return settings;
  return {
    ...settings,
    ...(overrides.alarmEmail !== undefined ? { alarmEmail: overrides.alarmEmail } : {}),
    ...(overrides.alarmTopicArn !== undefined ? { alarmTopicArn: overrides.alarmTopicArn } : {}),
    ...(overrides.configRule !== undefined
      ? { organization: { ...settings.organization, configRule: overrides.configRule } }
      : {}),
  };
}

/** A bad remediation setting: the operator must fix it (500, with the message naming the field). */
export class RemediationSettingsError extends AppError {
  constructor(message: string) {
    super(message, 500, "remediation_settings_invalid");
  }
}

const csv = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The subset of the settings each environment variable sets (undefined: not set). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export function settingsFromEnvironment(env: EnvSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.TRAILWARDEN_REMEDIATION_PREFIX) out.namePrefix = env.TRAILWARDEN_REMEDIATION_PREFIX;
  if (env.TRAILWARDEN_REMEDIATION_BUCKET_MODE === "per-account") out.bucket = { mode: "per-account" };
  if (env.TRAILWARDEN_REMEDIATION_BUCKET_MODE === "central" || env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET) {
    out.bucket = {
      mode: "central",
      name: env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET,
      ownerAccountId: env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET_ACCOUNT,
      region: env.TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET_REGION ?? env.AWS_REGION ?? "us-east-1",
    };
  }
  if (env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL !== undefined)
    out.alarmEmail = env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL || null;
  if (env.TRAILWARDEN_REMEDIATION_ALARM_TOPIC_ARN !== undefined)
    out.alarmTopicArn = env.TRAILWARDEN_REMEDIATION_ALARM_TOPIC_ARN || null;
  if (env.TRAILWARDEN_REMEDIATION_LOG_RETENTION_DAYS)
    out.logRetentionDays = Number(env.TRAILWARDEN_REMEDIATION_LOG_RETENTION_DAYS);
  if (env.TRAILWARDEN_REMEDIATION_BUCKET_RETENTION_DAYS)
    out.bucketRetentionDays = Number(env.TRAILWARDEN_REMEDIATION_BUCKET_RETENTION_DAYS);
  const home = env.TRAILWARDEN_REMEDIATION_HOME_REGION ?? env.AWS_REGION;
  if (home) out.homeRegion = home;
  if (env.TRAILWARDEN_REQUIRED_TAG_KEYS) out.requiredTagKeys = csv(env.TRAILWARDEN_REQUIRED_TAG_KEYS);
  if (env.TRAILWARDEN_REMEDIATION_TAGS) {
    out.tagValues = Object.fromEntries(
      csv(env.TRAILWARDEN_REMEDIATION_TAGS).map((pair) => {
        const at = pair.indexOf("=");
        return at < 0 ? [pair, ""] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
    );
  }
  const organization: Record<string, unknown> = {};
  if (env.TRAILWARDEN_CLOUDTRAIL_ADMIN_ACCOUNT !== undefined)
    organization.cloudTrailAdminAccountId = env.TRAILWARDEN_CLOUDTRAIL_ADMIN_ACCOUNT || null;
  if (env.TRAILWARDEN_GUARDRAIL_TARGETS !== undefined)
    organization.guardrailTargets = csv(env.TRAILWARDEN_GUARDRAIL_TARGETS);
  if (env.TRAILWARDEN_GUARDRAIL_BREAK_GLASS_ROLES !== undefined)
    organization.breakGlassRoleArns = csv(env.TRAILWARDEN_GUARDRAIL_BREAK_GLASS_ROLES);
  if (env.TRAILWARDEN_ORGANIZATION_CONFIG_RULE !== undefined)
    organization.configRule = /^(1|true|yes|on)$/i.test(env.TRAILWARDEN_ORGANIZATION_CONFIG_RULE.trim())
      ? true
      : /^(0|false|no|off|)$/i.test(env.TRAILWARDEN_ORGANIZATION_CONFIG_RULE.trim())
        ? false
        : env.TRAILWARDEN_ORGANIZATION_CONFIG_RULE;
  if (Object.keys(organization).length > 0) out.organization = organization;
  if (env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND)
    out.mutationsPerSecond = Number(env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND);
  return out;
}

/**
 * Merges stored settings (`remediation.<field>` rows) under the environment and validates the
 * result; throws RemediationSettingsError naming each bad field.
 */
export function parseRemediationSettings(
  stored: Record<string, unknown>,
  env: EnvSource = process.env,
): RemediationSettings {
  const fromEnv = settingsFromEnvironment(env);
  const merged = { ...stored, ...fromEnv };
  // The organization settings merge field by field: one variable must not drop a stored field.
  if (fromEnv.organization && typeof stored.organization === "object" && stored.organization)
    merged.organization = { ...(stored.organization as object), ...(fromEnv.organization as object) };
  const parsed = remediationSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(settings)"}: ${i.message}`);
    throw new RemediationSettingsError(`Invalid remediation settings:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}
