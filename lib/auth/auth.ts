// The better-auth instance: email + password for local accounts, generic OIDC for single sign-on,
// database sessions (12 h sliding by default) and database-backed rate limiting. Created on first
// use, not at import, because it needs the database and the secret (neither exists at build time).
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { db } from "@/lib/db";
import { getAuthSettings, OIDC_PROVIDER_ID, resetAuthSettingsCache, type AuthSettings } from "@/lib/auth/auth-env";
import { resolveAuthSecret } from "@/lib/auth/auth-secret";
import { databaseHooks, requestHooks } from "@/lib/auth/auth-hooks";
import { COOKIE_PREFIX } from "@/lib/auth/cookie-name";
import { APIError } from "better-auth/api";
import { recordAuditEventSafely } from "@/lib/audit/record-audit-event";
import { SIGN_IN_ACTION } from "@/lib/auth/sign-in-throttle";
import { loadSsoAllowList, ssoRefusal } from "@/lib/auth/sso-allow-list";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip-header";

// Endpoints this app has no use for: self-service sign-up, profile and e-mail changes, account
// deletion and linking are admin tasks here (lib/auth/manage-users.ts), and no mail is sent.
const DISABLED_PATHS = [
  "/sign-up/email",
  "/update-user",
  "/change-email",
  "/delete-user",
  "/delete-user/callback",
  "/link-social",
  "/unlink-account",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
];

function ssoPlugins(settings: AuthSettings) {
  if (!settings.oidc) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          name: settings.oidc.displayName,
          discoveryUrl: `${settings.oidc.issuer}/.well-known/openid-configuration`,
          requireIdTokenVerification: true,
          clientId: settings.oidc.clientId,
          clientSecret: settings.oidc.clientSecret,
          scopes: ["openid", "email", "profile"],
          pkce: true,
          // The allow-list (domains, groups) is checked on the verified ID token's claims before a
          // user or session exists; a refused identity gets no account at all.
          mapProfileToUser: async (profile) => {
            const refusal = ssoRefusal(profile as Record<string, unknown>, await loadSsoAllowList());
            if (refusal) {
              await recordAuditEventSafely({
                actor: null,
                action: SIGN_IN_ACTION,
                outcome: "denied",
                details: {
                  email: typeof profile.email === "string" ? profile.email : null,
                  method: "oidc",
                  reason: refusal,
                },
              });
              throw new APIError("FORBIDDEN", { message: `Single sign-on refused: ${refusal}` });
            }
            return {};
          },
        },
      ],
    }),
  ];
}

function createAuth() {
  const settings = getAuthSettings();
  return betterAuth({
    appName: "Trailwarden",
    baseURL: settings.publicUrl,
    basePath: "/api/auth",
    secret: resolveAuthSecret(),
    database: prismaAdapter(db, { provider: "postgresql" }),
    telemetry: { enabled: false },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    // The Prisma model is AuthAccount (an AWS "account" is something else in this app).
    account: {
      modelName: "authAccount",
      encryptOAuthTokens: true,
      // An SSO identity joins a local user of the same e-mail only when the IdP says the address is
      // verified; admins create local users with verified e-mail so that SSO inherits their role.
      accountLinking: { enabled: true, allowDifferentEmails: false },
    },
    session: {
      expiresIn: settings.sessionSeconds,
      // Sliding expiry: a session used after this many seconds gets a new full lifetime.
      updateAge: Math.min(3600, Math.floor(settings.sessionSeconds / 4)),
      // Off so that a role change, a disabled user or a revoked session takes effect at once.
      cookieCache: { enabled: false },
    },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 256 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 120,
      customRules: {
        "/sign-in/email": { window: 60, max: settings.signInPerMinute },
        "/sign-in/social": { window: 60, max: 20 },
      },
    },
    // Same-origin requests are trusted whatever host name the browser used (127.0.0.1, localhost,
    // a proxy's name); the browser, not the attacker, sets Host and Origin on a forged request.
    trustedOrigins: (request) => {
      const host = request?.headers.get("host");
      return host ? [settings.publicUrl, `http://${host}`, `https://${host}`] : [settings.publicUrl];
    },
    advanced: {
      // Set by handle-auth-request.ts from the TCP peer or a trusted proxy's X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: settings.publicUrl.startsWith("https://"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    disabledPaths: DISABLED_PATHS,
    databaseHooks: databaseHooks(settings.oidc?.defaultRole ?? "viewer"),
    hooks: requestHooks(),
    // nextCookies must stay last: it copies Set-Cookie from server-side calls into Next's cookies().
    plugins: [...ssoPlugins(settings), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { trailwardenAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.trailwardenAuth ??= createAuth();
  return globalForAuth.trailwardenAuth;
}

/** Forgets the instance and its settings, so the next use reads the environment again (tests). */
export function resetAuth(): void {
  globalForAuth.trailwardenAuth = undefined;
  resetAuthSettingsCache();
}
