// The one place permissions are enforced. Every page calls requirePageRole, every route handler is
// wrapped in withRole and every server action in roleAction; the UI hiding a link is a courtesy.
// Contract (other modules code against these signatures): requirePageRole(role), currentPrincipal(),
// withRole(role, handler), roleAction(role, schema, fn).
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { cache } from "react";
import type { ZodType } from "zod";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { hasRole, type Principal, type Role } from "@/lib/roles";
import { authenticate, type Authentication } from "@/lib/auth/resolve-principal";
import { REQUEST_PATH_HEADER, signInUrl } from "@/lib/auth/sign-in-redirect";
import { checkRequestOrigin } from "@/lib/auth/check-request-origin";
import { recordDenied, recordInvalidToken } from "@/lib/auth/record-access-event";
import { limitUnauthenticated } from "@/lib/auth/unauthenticated-rate-limit";

/** One resolution per server render, however many components ask. */
const authenticateRender = cache(async (): Promise<Authentication> => authenticate(await headers()));

/** The signed-in principal or null (for showing or hiding UI). */
export async function currentPrincipal(): Promise<Principal | null> {
  return (await authenticateRender()).principal;
}

/** For page.tsx: the signed-in principal with at least `role`, else redirect to sign-in / show 403. */
export async function requirePageRole(role: Role): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  if (!hasRole(principal, role)) forbidden();
  return principal;
}

type RouteContext = { params: Promise<Record<string, string>> };

function roleMessage(required: Role, principal: Principal): string {
  return `This needs the ${required} role; ${principal.name} has ${principal.role}`;
}

/**
 * Wraps a route handler: 401 without valid credentials (429 past the per-address limit of such
 * requests), 403 for a cross-site cookie mutation or a role below `role`, 400 for invalid input
 * (zod errors, malformed JSON), typed errors mapped to codes.
 */
export function withRole(
  role: Role,
  handler: (req: NextRequest, ctx: RouteContext & { principal: Principal }) => Promise<Response>,
): (req: NextRequest, ctx: RouteContext) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const auth = await authenticate(req.headers);
      if (!auth.principal) await limitUnauthenticated(req.headers);
      if (auth.via === "invalid-token") {
        await recordInvalidToken(auth.tokenPrefix, req);
        throw new UnauthenticatedError("The API token is unknown, expired or revoked");
      }
      if (!auth.principal) throw new UnauthenticatedError();
      // Cookies ride along on cross-site requests; bearer tokens never do, so only sessions are checked.
      if (auth.via === "session") checkRequestOrigin(req.method, req.headers);
      if (!hasRole(auth.principal, role)) {
        await recordDenied(auth.principal, role, `${req.method} ${req.nextUrl.pathname}`, req);
        throw new ForbiddenError(roleMessage(role, auth.principal));
      }
      return await handler(req, { ...ctx, principal: auth.principal });
    } catch (err) {
      // `await req.json()` on a malformed body throws SyntaxError: that is bad input, not a fault.
      if (err instanceof SyntaxError)
        return errorResponse(new ValidationError(`Malformed request body: ${err.message}`));
      return errorResponse(err);
    }
  };
}

/** Wraps a server action: checks the role, validates input with `schema`, then runs `fn`. */
export function roleAction<I, O>(
  role: Role,
  schema: ZodType<I>,
  fn: (input: I, principal: Principal) => Promise<O>,
): (input: unknown) => Promise<O> {
  return async (raw) => {
    const requestHeaders = await headers();
    const principal = await currentPrincipal();
    if (!principal) throw new UnauthenticatedError("Your session has ended; sign in again");
    // Next.js already compares a server action's Origin with its Host; this also covers sessions
    // reached through a proxy that rewrites Host, and keeps the rule in one place.
    if (principal.type === "user") checkRequestOrigin("POST", requestHeaders);
    if (!hasRole(principal, role)) {
      await recordDenied(principal, role, `action ${fn.name || "anonymous"}`, { headers: requestHeaders });
      throw new ForbiddenError(roleMessage(role, principal));
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error, "input");
    return fn(parsed.data, principal);
  };
}
