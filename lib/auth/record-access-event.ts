// Audit records of refused access: a role below what an endpoint needs, or a bad API token.
// Unauthenticated page views are not recorded (every signed-out visit would be one). Repeats are
// aggregated per source and minute (lib/audit/record-aggregated-event.ts).
import { recordAggregatedEvent } from "@/lib/audit/record-aggregated-event";
import { clientIp } from "@/lib/audit/request-meta";
import type { Principal, Role } from "@/lib/roles";

type RequestLike = Request | { headers: Headers };

export async function recordDenied(
  principal: Principal,
  required: Role,
  target: string,
  request: RequestLike,
): Promise<void> {
  await recordAggregatedEvent(`denied:${principal.type}:${principal.id}`, {
    actor: principal,
    action: "access.denied",
    outcome: "denied",
    target,
    details: { required, role: principal.role },
    request,
  });
}

export async function recordInvalidToken(tokenPrefix: string, request: RequestLike): Promise<void> {
  const target = request instanceof Request ? `${request.method} ${new URL(request.url).pathname}` : undefined;
  await recordAggregatedEvent(`token_invalid:${clientIp(request.headers) ?? "unknown"}`, {
    actor: null,
    action: "auth.token_invalid",
    outcome: "failure",
    target,
    details: { tokenPrefix },
    request,
  });
}
