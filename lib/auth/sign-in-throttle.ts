// Password-guessing brake, counted in PostgreSQL so that every web process shares it and no two
// attempts can both pass a check before either is counted: each attempt is counted (one UPDATE,
// which takes the row lock) before the password is verified, and a success takes it back.
// Two keys per attempt:
// - e-mail + client address: 5 free attempts, then each attempt pushes the next allowed one out
//   exponentially (1 s, 2 s, 4 s ... at most 15 minutes). Someone guessing from one address slows
//   down fast, and the account's owner, signing in from elsewhere, is not affected.
// - e-mail alone (any address): 20 free attempts, then backoff capped at 60 s, which bounds
//   guessing spread over many addresses without handing an attacker a lock on the admin account.
// Counts start again an hour after the last attempt. There is no hard lock.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export const SIGN_IN_ACTION = "auth.sign_in";

interface Rule {
  key: string;
  free: number;
  capSeconds: number;
}

const RESET_AFTER_SECONDS = 3600;

export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email.length > 0 && email.length <= 320 ? email : null;
}

function rules(email: string, ip: string | null): Rule[] {
  return [
    { key: `${email}|${ip ?? "unknown"}`, free: 5, capSeconds: 15 * 60 },
    { key: email, free: 20, capSeconds: 60 },
  ];
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt for `email` from `ip`, or refuses it while a backoff is running. */
export async function reserveSignInAttempt(
  email: string,
  ip: string | null,
  now = new Date(),
): Promise<AttemptDecision> {
  const at = now.toISOString();
  for (const rule of rules(email, ip)) {
    await db.$executeRaw`INSERT INTO sign_in_throttle (key, failures, last_attempt_at)
      VALUES (${rule.key}, 0, ${at}::timestamp) ON CONFLICT (key) DO NOTHING`;
    // One statement that reads only the row it updates: PostgreSQL re-checks the WHERE and
    // recomputes the SET on the locked, latest row, so concurrent attempts are counted one after
    // another and only those before the backoff pass.
    const reset = Prisma.sql`t.last_attempt_at < ${at}::timestamp - make_interval(secs => ${RESET_AFTER_SECONDS}::float8)`;
    const next = Prisma.sql`(CASE WHEN ${reset} THEN 1 ELSE t.failures + 1 END)`;
    const counted = await db.$queryRaw<{ failures: number }[]>`
      UPDATE sign_in_throttle t SET
        failures = ${next},
        blocked_until = CASE WHEN ${next} > ${rule.free}::int
          THEN ${at}::timestamp + make_interval(secs => LEAST(${rule.capSeconds}::float8,
                 power(2, LEAST(${next} - ${rule.free}::int - 1, 30))))
          ELSE NULL END,
        last_attempt_at = ${at}::timestamp
      WHERE t.key = ${rule.key} AND (t.blocked_until IS NULL OR t.blocked_until <= ${at}::timestamp)
      RETURNING t.failures`;
    if (counted.length === 0) {
      const row = await db.signInThrottle.findUnique({ where: { key: rule.key }, select: { blockedUntil: true } });
      const waitMs = (row?.blockedUntil?.getTime() ?? now.getTime()) - now.getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
  }
  return { allowed: true };
}

/** A successful sign-in: the address's count starts over; the account-wide count takes it back. */
export async function settleSuccessfulSignIn(email: string, ip: string | null): Promise<void> {
  const [perAddress, account] = rules(email, ip);
  await db.signInThrottle.updateMany({
    where: { key: perAddress!.key },
    data: { failures: 0, blockedUntil: null },
  });
  await db.$executeRaw`UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0),
      blocked_until = CASE WHEN failures - 1 <= ${account!.free}::int THEN NULL ELSE blocked_until END
    WHERE key = ${account!.key}`;
}
