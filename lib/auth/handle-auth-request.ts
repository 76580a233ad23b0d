// Serves better-auth's endpoints under /api/auth/*. Rate-limited sign-in attempts are answered by
// better-auth before any of its hooks run, so they are audited here.
import { getAuth } from "@/lib/auth/auth";
import { recordAuditEventSafely } from "@/lib/audit/record-audit-event";
import { SIGN_IN_ACTION } from "@/lib/auth/sign-in-throttle";

export async function handleAuthRequest(request: Request): Promise<Response> {
  const response = await getAuth().handler(request);
  const path = new URL(request.url).pathname;
  if (response.status === 429 && path.startsWith("/api/auth/sign-in")) {
    await recordAuditEventSafely({
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
