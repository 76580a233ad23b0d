// The report period: whole UTC days, `from` and `to` both included (YYYY-MM-DD), by default the
// twelve months ending yesterday (the last complete day). One parser for the CLI and the HTTP route.
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { DAY_SECONDS, dayString } from "@/lib/coverage/rollup-days";

export const MAX_PERIOD_DAYS = 400;

export interface CoveragePeriod {
  fromDay: string;
  toDay: string;
  /** Seconds: start of fromDay, and the end of toDay (exclusive). */
  from: number;
  to: number;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .superRefine((v, ctx) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== v)
      ctx.addIssue({ code: "custom", message: `${v} is not a calendar date` });
  });

const input = z.object({ from: day.optional(), to: day.optional() });

function startOf(dayText: string): number {
  return Date.parse(`${dayText}T00:00:00Z`) / 1000;
}

/** The twelve months ending on `to` (default: yesterday, UTC). */
function yearEndingOn(toDay: string): string {
  const d = new Date(`${toDay}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function parseCoveragePeriod(
  raw: { from?: string | null; to?: string | null },
  now: Date = new Date(),
): CoveragePeriod {
  const parsed = input.safeParse({ from: raw.from ?? undefined, to: raw.to ?? undefined });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "period");
  const today = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
  const toDay = parsed.data.to ?? dayString(today - DAY_SECONDS);
  const fromDay = parsed.data.from ?? yearEndingOn(toDay);
  const from = startOf(fromDay);
  const to = startOf(toDay) + DAY_SECONDS;
  const problems: { path: string; message: string }[] = [];
  if (from >= to) problems.push({ path: "from", message: `${fromDay} is after to (${toDay})` });
  if (startOf(toDay) > today)
    problems.push({ path: "to", message: `${toDay} is in the future (today is ${dayString(today)}, UTC)` });
  const days = (to - from) / DAY_SECONDS;
  if (days > MAX_PERIOD_DAYS) {
    problems.push({
      path: "to",
      message: `the period is ${days} days long; at most ${MAX_PERIOD_DAYS} days can be reported at once`,
    });
  }
  if (problems.length) {
    throw new ValidationError(`Invalid period: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  }
  return { fromDay, toDay, from, to };
}
