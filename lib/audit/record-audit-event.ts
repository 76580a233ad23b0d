// Appends to the audit log (append-only: the table refuses UPDATE and DELETE).
import { db } from "@/lib/db";
import type { Principal } from "@/lib/auth/roles";

export interface AuditInput {
  actor: Pick<Principal, "type" | "id" | "name"> | null;
  action: string; // e.g. "collection.start", "remediation.apply", "report.export"
  target?: string;
  outcome?: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

export async function recordAuditEvent(input: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorType: input.actor?.type ?? "anonymous",
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome ?? "success",
      details: (input.details ?? {}) as object,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
    },
  });
}

/** The CLI acts as a named system principal (it runs with direct database access). */
export function cliPrincipal(name = process.env.USER ?? "cli"): Principal {
  return { type: "system", id: `cli:${name}`, name: `cli:${name}`, role: "admin" };
}
