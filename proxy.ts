// Runs before every route (Next.js 16's renamed middleware): turns away requests that carry no
// credentials at all and passes the requested path to pages for the sign-in redirect.
// The real checks are the guards in lib/auth/guards.ts; see lib/auth/proxy-decision.ts.
import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/auth/cookie-name";
import { decideProxy } from "@/lib/auth/proxy-decision";
import { REQUEST_PATH_HEADER } from "@/lib/auth/sign-in-redirect";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?|css|js|map)$).*)"],
};
