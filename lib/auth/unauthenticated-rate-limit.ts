// Rate limit of API requests that bring no valid credentials (a wrong or revoked token, a stale
// session cookie), per client address and minute, shared by every web process through PostgreSQL.
// Past the limit the answer is 429 with Retry-After, before the request costs another audit row.
import { getAuthSettings } from "@/lib/auth/auth-env";
import { countInWindow } from "@/lib/http/request-counter";
import { clientIp } from "@/lib/audit/request-meta";
import { TooManyRequestsError } from "@/lib/errors";

export async function limitUnauthenticated(headers: Headers): Promise<void> {
  const { count, secondsLeft } = await countInWindow(`rate:${clientIp(headers) ?? "unknown"}`);
  if (count > getAuthSettings().unauthenticatedPerMinute) {
    throw new TooManyRequestsError(
      `Too many requests without valid credentials from this address; try again in ${secondsLeft} s`,
      secondsLeft,
    );
  }
}
