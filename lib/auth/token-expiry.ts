// `--expires` of `trailwarden token create`: a number of days ("30", "30d") or the last day the
// token works ("2027-03-31", through the end of that UTC day). Answers the whole days the token
// lives, which is what the API and the settings form take (expiresInDays).
import { ValidationError } from "@/lib/errors";
import { MAX_TOKEN_DAYS } from "@/lib/auth/api-tokens";

const DAY_MS = 86_400_000;

export function parseTokenExpiry(value: string, now = new Date()): number {
  const text = value.trim();
  const days = /^(\d+)d?$/i.exec(text);
  let count: number;
  if (days) {
    count = Number(days[1]);
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    const end = Date.parse(`${text}T00:00:00Z`) + DAY_MS;
    if (new Date(end - DAY_MS).toISOString().slice(0, 10) !== text)
      throw new ValidationError(`--expires: ${text} is not a calendar date`);
    count = Math.ceil((end - now.getTime()) / DAY_MS);
  } else {
    throw new ValidationError(
      `--expires must be a number of days (e.g. 30 or 30d) or a date YYYY-MM-DD, got "${value}"`,
    );
  }
  if (count < 1) throw new ValidationError(`--expires must lie at least one day ahead, got "${value}"`);
  if (count > MAX_TOKEN_DAYS)
    throw new ValidationError(`--expires must be at most ${MAX_TOKEN_DAYS} days ahead, got "${value}"`);
  return count;
}
