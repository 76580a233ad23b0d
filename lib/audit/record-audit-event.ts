// Appends to the audit log (append-only: the table refuses UPDATE and DELETE).
import "server-only";
import { db } from "@/lib/db";
import type { Principal } from "@/lib/roles";
import { requestMeta } from "@/lib/audit/request-meta";

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditInput {
  actor: Pick<Principal, "type" | "id" | "name"> | null;
  action: string; // e.g. "collection.start", "remediation.apply", "report.export"
  target?: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
  /** The request being served: fills `ip` and `userAgent` unless they are given. */
  request?: Request | { headers: Headers } | null;
}

export async function recordAuditEvent(input: AuditInput): Promise<void> {
  const meta = requestMeta(input.request?.headers);
  await db.auditEvent.create({
    data: {
      actorType: input.actor?.type ?? "anonymous",
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome ?? "success",
      details: (input.details ?? {}) as object,
      ip: input.ip ?? meta.ip,
      userAgent: input.userAgent ?? meta.userAgent,
    },
  });
}

/**
 * For events recorded on the side of another operation (a sign-in, a denied request): a failure
 * to write the audit row is logged loudly but does not turn the user's request into a 500.
 * Events that are the record of a change the user asked for should use recordAuditEvent directly.
 */
export async function recordAuditEventSafely(input: AuditInput): Promise<void> {
  try {
    await recordAuditEvent(input);
  } catch (err) {
    console.error(`Could not write audit event ${input.action}:`, err instanceof Error ? err.message : err);
  }
}

/** The CLI acts as a named system principal (it runs with direct database access). */
export function cliPrincipal(name = process.env.USER ?? "cli"): Principal {
  return { type: "system", id: `cli:${name}`, name: `cli:${name}`, role: "admin" };
}
