// Runs before every route (Next.js 16's renamed middleware): refuses methods no route has (405),
// turns away requests that carry no credentials at all, passes the requested path to pages for the
// sign-in redirect, and adds HSTS when the site is served over https.
// The real checks are the guards in lib/auth/guards.ts; see lib/auth/proxy-decision.ts.
import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/http/allowed-methods";
import { getAuthSettings } from "@/lib/auth/auth-env";
import { hasSessionCookie } from "@/lib/auth/cookie-name";
import { decideProxy } from "@/lib/auth/proxy-decision";
import { REQUEST_PATH_HEADER } from "@/lib/auth/sign-in-redirect";
import {
  HSTS_VALUE,
  ROUTABLE_METHODS,
  isRoutableMethod,
  servedOverHttps,
  warnOnSchemeMismatch,
} from "@/lib/http/transport-security";

function decide(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (!isRoutableMethod(request.method)) {
    return NextResponse.json(
      { error: "method_not_allowed", message: `${request.method} is not supported` },
      { status: 405, headers: { allow: [...ROUTABLE_METHODS].join(", ") } },
    );
  }
  // A documented path asked with a method it does not have: 405 naming the ones it has.
  const allowed = pathname.startsWith("/api/") ? allowedMethods(pathname) : null;
  if (allowed && !allowed.includes(request.method.toUpperCase())) {
    return NextResponse.json(
      { error: "method_not_allowed", message: `${request.method} is not supported on ${pathname}` },
      { status: 405, headers: { allow: allowed.join(", ") } },
    );
  }
  const decision = decideProxy({
    pathname,
    search,
    hasSession: hasSessionCookie(request.headers),
    hasBearer: /^Bearer\s+\S/i.test(request.headers.get("authorization") ?? ""),
  });
  if (decision.kind === "unauthenticated-api") {
    return NextResponse.json(
      { error: "unauthenticated", message: "Sign in or send a valid API token (Authorization: Bearer ...)" },
      { status: 401 },
    );
  }
  if (decision.kind === "redirect") return NextResponse.redirect(new URL(decision.location, request.url));
  // Overwrite whatever the client sent: pages trust this header only to build the sign-in `next`.
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers: forwarded } });
}

export function proxy(request: NextRequest) {
  const response = decide(request);
  const { publicUrl } = getAuthSettings();
  const forwardedProto = request.headers.get("x-forwarded-proto");
  warnOnSchemeMismatch(publicUrl, forwardedProto);
  if (servedOverHttps(publicUrl, forwardedProto)) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?|css|js|map)$).*)"],
};
