// Parses Trailwarden's environment once. Every variable the README documents is here,
// with a message that names the variable when its value is wrong.
import path from "node:path";
import { z } from "zod";

const csv = z.string().transform((s) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
);

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// URL")
    .optional(),
  TRAILWARDEN_DATA_DIR: z.string().default(".trailwarden"),
  TRAILWARDEN_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TRAILWARDEN_HOST: z.string().default("127.0.0.1"),
  AWS_ENDPOINT_URL: z.string().url("must be a URL such as http://127.0.0.1:5000").optional(),
  AWS_REGION: z.string().optional(),
  TRAILWARDEN_DISCOVERY: z.enum(["organizations", "static"]).default("organizations"),
  TRAILWARDEN_ACCOUNTS: csv.pipe(z.array(accountId)).optional(),
  TRAILWARDEN_ROLE_NAME: z.string().min(1).default("TrailwardenReadOnly"),
  TRAILWARDEN_REMEDIATION_ROLE_NAME: z.string().min(1).default("TrailwardenRemediation"),
  TRAILWARDEN_EXTERNAL_ID: z.string().min(2).max(1224).optional(),
  TRAILWARDEN_REGIONS: csv
    .pipe(z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be region names like us-east-1")))
    .optional(),
  TRAILWARDEN_SECURITYHUB: z.enum(["aggregator", "per-account", "off"]).default("aggregator"),
  TRAILWARDEN_SECURITYHUB_ACCOUNT: accountId.optional(),
  TRAILWARDEN_SECURITYHUB_REGION: z.string().optional(),
  TRAILWARDEN_COLLECT_CRON: z.string().default("0 */4 * * *"),
  TRAILWARDEN_COLLECT_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(32),
  TRAILWARDEN_AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  TRAILWARDEN_AWS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  TRAILWARDEN_REQUIRED_TAG_KEYS: csv.optional(),
  TRAILWARDEN_COLLECT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  TRAILWARDEN_WATCH_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(300),
  TRAILWARDEN_WATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(100),
  TRAILWARDEN_ALERT_WEBHOOK_URL: z
    .string()
    .url("must be an http(s) URL")
    .refine((v) => /^https?:\/\//i.test(v), "must be an http:// or https:// URL")
    .optional(),
  TRAILWARDEN_ALERT_WEBHOOK_SECRET: z.string().min(1).optional(),
  TRAILWARDEN_ALERT_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  TRAILWARDEN_ALERT_RETRY_DELAY: z.coerce.number().int().min(1).max(3600).default(10),
  TRAILWARDEN_PUBLIC_URL: z.string().url("must be the URL people open Trailwarden at").optional(),
  TRAILWARDEN_EVIDENCE_HORIZON_DAYS: z.coerce.number().int().min(1).max(3650).default(395),
  TRAILWARDEN_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TRAILWARDEN_OIDC_ISSUER: z.string().url().optional(),
  TRAILWARDEN_OIDC_CLIENT_ID: z.string().optional(),
  TRAILWARDEN_OIDC_CLIENT_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

let cached: Env | undefined;

/** The parsed environment; throws ConfigError naming every bad variable. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const env = parsed.data;
  if (env.TRAILWARDEN_DISCOVERY === "static" && !env.TRAILWARDEN_ACCOUNTS?.length) {
    throw new ConfigError(
      "Invalid configuration:\n  TRAILWARDEN_ACCOUNTS: required when TRAILWARDEN_DISCOVERY=static (comma-separated account ids)",
    );
  }
  if (source === process.env) cached = env;
  return env;
}

/** Drops the cached environment (tests change process.env between cases). */
export function resetEnvCache(): void {
  cached = undefined;
}

export function dataDir(env: Env = getEnv()): string {
  return path.resolve(env.TRAILWARDEN_DATA_DIR);
}
