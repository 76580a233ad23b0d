// A per-account brake on password guessing that does not depend on the client IP (which a client
// can vary through X-Forwarded-For when no proxy overwrites it). Failed attempts are counted from
// the audit log, which records every one of them anyway.
import "server-only";
import { db } from "@/lib/db";

export const SIGN_IN_ACTION = "auth.sign_in";
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email.length > 0 && email.length <= 320 ? email : null;
}

/** True when this email has failed too often recently; the attempt should be refused. */
export async function tooManyFailedSignIns(email: string, now = new Date()): Promise<boolean> {
  const failures = await db.auditEvent.count({
    where: {
      action: SIGN_IN_ACTION,
      outcome: "failure",
      at: { gte: new Date(now.getTime() - WINDOW_MS) },
      details: { path: ["email"], equals: email },
    },
  });
  return failures >= MAX_FAILURES;
}
