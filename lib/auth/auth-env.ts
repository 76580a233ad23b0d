// The sign-in settings, parsed once from the environment (lib/config/env.ts holds the shared
// variables; the ones only sign-in reads are parsed here, with messages naming the variable).
import { z } from "zod";
import { ConfigError, getEnv } from "@/lib/config/env";
import { ROLES, type Role } from "@/lib/roles";

const authEnvSchema = z.object({
  TRAILWARDEN_PUBLIC_URL: z.string().url("must be the URL users open, e.g. https://trailwarden.example.com").optional(),
  TRAILWARDEN_OIDC_DEFAULT_ROLE: z.enum(ROLES).default("viewer"),
  TRAILWARDEN_OIDC_NAME: z.string().min(1).default("single sign-on"),
  /** API requests without valid credentials allowed per client address per minute. */
  TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Password sign-in attempts allowed per client IP per minute. */
  TRAILWARDEN_SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Session lifetime in hours; each use within the lifetime extends it (sliding). */
  TRAILWARDEN_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /**
   * Absolute session lifetime in hours: however active, a session ends this long after sign-in.
   * Limits what a stolen cookie is worth when sliding expiry would keep it alive forever.
   */
  TRAILWARDEN_SESSION_MAX_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 90)
    .default(24 * 7),
});

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  defaultRole: Role;
  displayName: string;
}

export interface AuthSettings {
  /** The origin the app is served from; cookies and OAuth callbacks are built on it. */
  publicUrl: string;
  oidc: OidcSettings | null;
  signInPerMinute: number;
  unauthenticatedPerMinute: number;
  sessionSeconds: number;
  /** Absolute lifetime: a session is refused this long after it was created, whatever its use. */
  sessionMaxSeconds: number;
}

export const OIDC_PROVIDER_ID = "oidc";

let cached: AuthSettings | undefined;

export function getAuthSettings(source: NodeJS.ProcessEnv = process.env): AuthSettings {
  if (source === process.env && cached) return cached;
  const env = getEnv(source);
  const parsed = authEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const own = parsed.data;
  const oidcVars = [env.TRAILWARDEN_OIDC_ISSUER, env.TRAILWARDEN_OIDC_CLIENT_ID, env.TRAILWARDEN_OIDC_CLIENT_SECRET];
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    throw new ConfigError(
      "Invalid configuration:\n  TRAILWARDEN_OIDC_ISSUER, TRAILWARDEN_OIDC_CLIENT_ID and TRAILWARDEN_OIDC_CLIENT_SECRET must be set together",
    );
  }
  const oidc =
    env.TRAILWARDEN_OIDC_ISSUER && env.TRAILWARDEN_OIDC_CLIENT_ID && env.TRAILWARDEN_OIDC_CLIENT_SECRET
      ? {
          issuer: env.TRAILWARDEN_OIDC_ISSUER.replace(/\/+$/, ""),
          clientId: env.TRAILWARDEN_OIDC_CLIENT_ID,
          clientSecret: env.TRAILWARDEN_OIDC_CLIENT_SECRET,
          defaultRole: own.TRAILWARDEN_OIDC_DEFAULT_ROLE,
          displayName: own.TRAILWARDEN_OIDC_NAME,
        }
      : null;
  const settings: AuthSettings = {
    publicUrl: new URL(own.TRAILWARDEN_PUBLIC_URL ?? `http://${env.TRAILWARDEN_HOST}:${env.TRAILWARDEN_PORT}`).origin,
    oidc,
    signInPerMinute: own.TRAILWARDEN_SIGNIN_RATE_LIMIT,
    unauthenticatedPerMinute: own.TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT,
    sessionSeconds: Math.round(own.TRAILWARDEN_SESSION_HOURS * 3600),
    sessionMaxSeconds: Math.round(Math.max(own.TRAILWARDEN_SESSION_MAX_HOURS, own.TRAILWARDEN_SESSION_HOURS) * 3600),
  };
  if (source === process.env) cached = settings;
  return settings;
}

/** Drops the cached settings (tests change the environment between cases). */
export function resetAuthSettingsCache(): void {
  cached = undefined;
}

/** Safe to send to the browser: whether SSO is offered and under what name. Never the secret. */
export function publicSignInOptions(): { sso: { providerId: string; name: string } | null } {
  const { oidc } = getAuthSettings();
  return { sso: oidc ? { providerId: OIDC_PROVIDER_ID, name: oidc.displayName } : null };
}
