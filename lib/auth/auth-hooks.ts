// better-auth lifecycle hooks: who may get a session, which role SSO users start with, and the
// audit records of sign-ins, failures and sign-outs.
import "server-only";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import type { BetterAuthOptions } from "better-auth";
import { db } from "@/lib/db";
import { recordAuditEventSafely } from "@/lib/audit/record-audit-event";
import { recordAggregatedEvent } from "@/lib/audit/record-aggregated-event";
import {
  SIGN_IN_ACTION,
  normalizeEmail,
  reserveSignInAttempt,
  settleSuccessfulSignIn,
} from "@/lib/auth/sign-in-throttle";
import { clientIp } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/roles";

type EndpointContext = { path?: string; headers?: Headers; request?: Request } | null;

function methodFor(path: string | undefined): string {
  return path === "/sign-in/email" ? "password" : path?.includes("callback") ? "oidc" : (path ?? "unknown");
}

/** The request's headers, for the audit record's IP and user agent. */
function requestOf(ctx: EndpointContext): { headers: Headers } | null {
  const headers = ctx?.request?.headers ?? ctx?.headers;
  return headers ? { headers } : null;
}

export function databaseHooks(ssoDefaultRole: Role): NonNullable<BetterAuthOptions["databaseHooks"]> {
  return {
    user: {
      create: {
        // Sign-up is disabled, so the only users better-auth creates are first-time SSO users.
        // Admins create local users directly (lib/auth/manage-users.ts), without these hooks.
        before: async (user) => ({ data: { ...user, role: ssoDefaultRole, disabled: false } }),
        after: async (user, ctx) => {
          await recordAuditEventSafely({
            actor: { type: "system", id: "sso", name: "single sign-on" },
            action: "user.create",
            target: user.email,
            details: { via: "sso", role: ssoDefaultRole, userId: user.id },
            request: requestOf(ctx),
          });
        },
      },
    },
    session: {
      create: {
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
          if (!user || user.disabled) {
            throw new APIError("FORBIDDEN", { message: "This account is disabled. Ask an administrator." });
          }
        },
        after: async (session, ctx) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { name: true, email: true } });
          await recordAuditEventSafely({
            actor: { type: "user", id: session.userId, name: user?.name ?? session.userId },
            action: SIGN_IN_ACTION,
            details: { email: user?.email, method: methodFor(ctx?.path ?? undefined) },
            ip: session.ipAddress ?? null,
            userAgent: session.userAgent ?? null,
            request: requestOf(ctx),
          });
        },
      },
      delete: {
        after: async (session, ctx) => {
          if (ctx?.path !== "/sign-out") return; // expiry clean-up is not a user action
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { name: true, email: true } });
          await recordAuditEventSafely({
            actor: { type: "user", id: session.userId, name: user?.name ?? session.userId },
            action: "auth.sign_out",
            details: { email: user?.email },
            request: requestOf(ctx),
          });
        },
      },
    },
  };
}

export function requestHooks(): NonNullable<BetterAuthOptions["hooks"]> {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-in/email") return;
      const email = normalizeEmail((ctx.body as { email?: unknown } | undefined)?.email);
      if (!email) return;
      const request = requestOf(ctx);
      const decision = await reserveSignInAttempt(email, request ? clientIp(request.headers) : null);
      if (!decision.allowed) {
        await recordAggregatedEvent(`sign_in_throttled:${email}`, {
          actor: null,
          action: SIGN_IN_ACTION,
          outcome: "denied",
          details: {
            email,
            method: "password",
            reason: "too many failed attempts for this account",
            retryAfterSeconds: decision.retryAfterSeconds,
          },
          request,
        });
        throw new APIError(
          "TOO_MANY_REQUESTS",
          { message: `Too many failed sign-in attempts. Try again in ${decision.retryAfterSeconds} s.` },
          { "retry-after": String(decision.retryAfterSeconds) },
        );
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-in/email") return;
      const returned = ctx.context.returned;
      if (!isAPIError(returned)) {
        // Success is audited when the session is created; here the attempt's count is taken back.
        const email = normalizeEmail((ctx.body as { email?: unknown } | undefined)?.email);
        const request = requestOf(ctx);
        if (email) await settleSuccessfulSignIn(email, request ? clientIp(request.headers) : null);
        return;
      }
      if (returned.statusCode === 429) return; // recorded by the before hook
      await recordAuditEventSafely({
        actor: null,
        action: SIGN_IN_ACTION,
        outcome: "failure",
        details: {
          email: normalizeEmail((ctx.body as { email?: unknown } | undefined)?.email),
          method: "password",
          reason: returned.body?.message ?? returned.message,
        },
        request: requestOf(ctx),
      });
    }),
  };
}
