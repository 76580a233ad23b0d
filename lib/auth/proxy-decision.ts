// What proxy.ts does with a request before any route runs. It only checks that credentials are
// present (a session cookie or a bearer token), so signed-out visitors are turned away early and a
// page that forgot its guard still shows nothing to them; whether the credentials are valid, and
// the role, is decided by the guards (lib/auth/guards.ts) on the server.
import { signInUrl } from "@/lib/auth/sign-in-redirect";

/** A public prefix matches itself and what lies below it ("/sign-in", "/sign-in/x"), not "/sign-inx". */
const PUBLIC_PREFIXES = ["/sign-in", "/api/auth", "/_next"];
const PUBLIC_EXACT = new Set(["/api/health", "/api/v1/openapi.json", "/favicon.ico", "/robots.txt"]);

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_EXACT.has(pathname)) return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export type ProxyDecision = { kind: "next" } | { kind: "unauthenticated-api" } | { kind: "redirect"; location: string };

export function decideProxy(input: {
  pathname: string;
  search: string;
  hasSession: boolean;
  hasBearer: boolean;
}): ProxyDecision {
  if (isPublicPath(input.pathname) || input.hasSession || input.hasBearer) return { kind: "next" };
  if (input.pathname === "/api" || input.pathname.startsWith("/api/")) return { kind: "unauthenticated-api" };
  return { kind: "redirect", location: signInUrl(`${input.pathname}${input.search}`) };
}
