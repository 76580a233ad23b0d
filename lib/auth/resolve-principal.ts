// Who is asking: an API token (`Authorization: Bearer`) or a better-auth session cookie. Roles are
// read from the database on every request (no cookie cache), so role changes, disabled users and
// revoked tokens take effect at once. Sessions also end at an absolute lifetime
// (TRAILWARDEN_SESSION_MAX_HOURS) counted from sign-in, however active they are.
import { getAuth } from "@/lib/auth/auth";
import { getAuthSettings } from "@/lib/auth/auth-env";
import { db } from "@/lib/db";
import { principalForApiToken } from "@/lib/auth/api-tokens";
import { bearerFromHeader } from "@/lib/auth/token-format";
import { isRole, type Principal } from "@/lib/roles";

export type Authentication =
  | { via: "token"; principal: Principal }
  | { via: "session"; principal: Principal }
  /** A bearer token was sent but is unknown, revoked or expired. */
  | { via: "invalid-token"; principal: null; tokenPrefix: string }
  | { via: "none"; principal: null };

/** True when a session created at `createdAt` has outlived the absolute session lifetime. */
export function sessionTooOld(
  createdAt: Date,
  now = new Date(),
  maxSeconds = getAuthSettings().sessionMaxSeconds,
): boolean {
  return now.getTime() - createdAt.getTime() >= maxSeconds * 1000;
}

export async function sessionPrincipal(headers: Headers): Promise<Principal | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { user } = session;
  if (user.disabled) return null;
  if (sessionTooOld(new Date(session.session.createdAt))) {
    // Sliding expiry would keep an active session forever; past the absolute lifetime it ends.
    await db.session.deleteMany({ where: { id: session.session.id } });
    return null;
  }
  return {
    type: "user",
    id: user.id,
    name: user.name || user.email,
    email: user.email,
    // An unexpected value in the column grants the least, never more.
    role: isRole(user.role) ? user.role : "viewer",
  };
}

export async function authenticate(headers: Headers): Promise<Authentication> {
  const bearer = bearerFromHeader(headers.get("authorization"));
  if (bearer) {
    const principal = await principalForApiToken(bearer);
    // Only a few leading characters are kept: enough to recognise a token, useless to replay it.
    return principal
      ? { via: "token", principal }
      : { via: "invalid-token", principal: null, tokenPrefix: bearer.slice(0, 9) };
  }
  const principal = await sessionPrincipal(headers);
  return principal ? { via: "session", principal } : { via: "none", principal: null };
}
