// Server actions answer domain refusals (a duplicate e-mail, the last admin) as data rather than
// thrown errors: Next.js hides thrown messages from the browser in production builds.
import { AppError } from "@/lib/errors";

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

export async function asActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.message };
    throw err;
  }
}
