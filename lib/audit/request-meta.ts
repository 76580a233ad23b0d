// Where a request came from, for the audit log and sessions. Next's server fills X-Forwarded-For
// with the socket address when no proxy set it; behind a reverse proxy, that proxy must overwrite
// the header (a client can otherwise put anything there), so the value is recorded, not trusted
// for decisions.

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

interface HeaderSource {
  get(name: string): string | null;
}

const MAX_USER_AGENT = 512;

export function clientIp(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  const candidate = first || headers.get("x-real-ip")?.trim() || null;
  if (!candidate) return null;
  // IPv4-mapped IPv6 (how Node reports IPv4 peers on a dual-stack socket) reads better as IPv4.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(candidate);
  return (mapped?.[1] ?? candidate).slice(0, 64);
}

export function requestMeta(headers: HeaderSource | null | undefined): RequestMeta {
  if (!headers) return { ip: null, userAgent: null };
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null };
}
