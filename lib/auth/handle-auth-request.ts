// Serves better-auth's endpoints under /api/auth/*. better-auth reads the client address (for its
// per-address rate limit and the session record) from CLIENT_IP_HEADER only, which is set here
// from lib/auth/request-meta.ts's answer (the TCP peer, or X-Forwarded-For from a trusted proxy),
// replacing anything the client sent. Rate-limited sign-in attempts are answered by better-auth
// before any of its hooks run, so they are audited here (aggregated per address and minute).
import { getAuth } from "@/lib/auth/auth";
import { recordAggregatedEvent } from "@/lib/audit/record-aggregated-event";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip-header";
import { clientIp } from "@/lib/audit/request-meta";
import { SIGN_IN_ACTION } from "@/lib/auth/sign-in-throttle";

function withClientIp(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientIp(request.headers);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  return new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody ? request.body : undefined,
    signal: request.signal,
    // Required by Node's fetch for a streamed body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

export async function handleAuthRequest(incoming: Request): Promise<Response> {
  const request = withClientIp(incoming);
  const response = await getAuth().handler(request);
  const path = new URL(request.url).pathname;
  if (response.status === 429 && path.startsWith("/api/auth/sign-in")) {
    await recordAggregatedEvent(`sign_in_limited:${clientIp(request.headers) ?? "unknown"}`, {
      actor: null,
      action: SIGN_IN_ACTION,
      outcome: "denied",
      target: path,
      details: { reason: "rate limited (too many attempts from this address)" },
      request,
    });
  }
  return response;
}
