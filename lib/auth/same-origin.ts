// Cross-site request forgery defence for cookie-authenticated mutations. Browsers attach cookies to
// cross-site requests but always send `Origin` (and `Sec-Fetch-Site`) on them, so a mutation whose
// origin is not ours is refused. Bearer-token requests are exempt: a browser never adds that header
// on its own, so a forged request cannot carry one.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  /** The `Origin` header, if any. */
  origin: string | null;
  /** The `Sec-Fetch-Site` header, if any. */
  secFetchSite: string | null;
  /** The `Host` header (or `X-Forwarded-Host` behind a trusted proxy). */
  host: string | null;
  /** Extra origins that count as ours, e.g. TRAILWARDEN_PUBLIC_URL's. */
  allowedOrigins?: readonly string[];
}

export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * True when the request may proceed: safe methods always; mutations only when the browser says
 * the request came from our own origin. A mutation with neither header is refused: every current
 * browser sends `Origin` on POST/PUT/PATCH/DELETE, and non-browser clients should use a token.
 */
export function isSameOriginRequest(input: OriginCheckInput): boolean {
  if (!isMutation(input.method)) return true;
  if (input.origin && input.origin !== "null") {
    const origin = normalizeOrigin(input.origin);
    if (!origin) return false;
    const ours = new Set<string>();
    for (const allowed of input.allowedOrigins ?? []) {
      const normalized = normalizeOrigin(allowed);
      if (normalized) ours.add(normalized);
    }
    if (input.host) {
      // The Origin's host must be the host the browser addressed; scheme follows the Origin itself
      // because TLS may end at a proxy in front of us.
      const url = new URL(origin);
      if (url.host === input.host.toLowerCase()) return true;
    }
    return ours.has(origin);
  }
  // No usable Origin (privacy settings can strip it): fall back to Fetch Metadata.
  return input.secFetchSite === "same-origin";
}
