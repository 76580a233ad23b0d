// Applies the same-origin rule (lib/auth/same-origin.ts) to a request's headers and throws the
// typed error the guards map to 403.
import { ForbiddenError } from "@/lib/errors";
import { getAuthSettings } from "@/lib/auth/auth-env";
import { isSameOriginRequest } from "@/lib/auth/same-origin";

export function checkRequestOrigin(method: string, headers: Headers): void {
  const ok = isSameOriginRequest({
    method,
    origin: headers.get("origin"),
    secFetchSite: headers.get("sec-fetch-site"),
    host: headers.get("host"),
    allowedOrigins: [getAuthSettings().publicUrl],
  });
  if (!ok)
    throw new ForbiddenError("Cross-site request refused: mutations with a session cookie must come from this site");
}
