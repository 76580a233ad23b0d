// The session cookie's name, shared by the better-auth instance and proxy.ts (which must not import
// the instance: it runs before every request and only looks for the cookie).
import { getSessionCookie } from "better-auth/cookies";

/** The session cookie is `trailwarden.session_token` (`__Secure-` prefixed over HTTPS). */
export const COOKIE_PREFIX = "trailwarden";

export function hasSessionCookie(headers: Headers): boolean {
  return getSessionCookie(headers, { cookiePrefix: COOKIE_PREFIX }) !== null;
}
