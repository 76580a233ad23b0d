// PROVISIONAL: the signatures below are the contract every page, route handler and server action
// uses; the sign-in issue replaces the bodies with real session and token checks.
import type { NextRequest } from "next/server";
import type { ZodType } from "zod";
import { errorResponse, ValidationError } from "@/lib/errors";
import type { Principal, Role } from "@/lib/auth/roles";

const PROVISIONAL: Principal = { type: "system", id: "provisional", name: "provisional", role: "admin" };

/** For page.tsx: the signed-in principal with at least `role`, else redirect to sign-in / show 403. */
export async function requirePageRole(_role: Role): Promise<Principal> {
  return PROVISIONAL;
}

/** The signed-in principal or null (for showing or hiding UI). */
export async function currentPrincipal(): Promise<Principal | null> {
  return PROVISIONAL;
}

type RouteContext = { params: Promise<Record<string, string>> };

/** Wraps a route handler: 401 without credentials, 403 below `role`, typed errors mapped to codes. */
export function withRole(
  _role: Role,
  handler: (req: NextRequest, ctx: RouteContext & { principal: Principal }) => Promise<Response>,
): (req: NextRequest, ctx: RouteContext) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await handler(req, { ...ctx, principal: PROVISIONAL });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Wraps a server action: checks the role, validates input with `schema`, then runs `fn`. */
export function roleAction<I, O>(
  _role: Role,
  schema: ZodType<I>,
  fn: (input: I, principal: Principal) => Promise<O>,
): (input: unknown) => Promise<O> {
  return async (raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error, "input");
    return fn(parsed.data, PROVISIONAL);
  };
}
