// Where a request came from, for the audit log, sessions and every per-address limit.
// The TCP peer is the only address a client cannot choose: Trailwarden's web server
// (lib/runtime/web-server.mjs) writes it into PEER_HEADER on every request, replacing whatever the
// client sent, behind a random key made at start-up (TRAILWARDEN_PEER_KEY, never sent out), so a
// client cannot forge it even where another server runs the app. X-Forwarded-For is read only when that peer is a configured proxy
// (TRAILWARDEN_TRUSTED_PROXIES), from the right, skipping our own proxies: the first address a
// trusted proxy vouches for is the client. Without a peer (a bare `next start`), the address is
// unknown (null) rather than whatever the client wrote.
import { normalizeAddress, trustedProxies, type TrustedProxies } from "@/lib/http/trusted-proxies";

interface HeaderSource {
  get(name: string): string | null;
}

/** Set by Trailwarden's web server from the socket; never taken from the client. */
export const PEER_HEADER = "x-trailwarden-peer";
export const PEER_KEY_ENV = "TRAILWARDEN_PEER_KEY";

/** The header value the web server writes: "<key> <address>". */
export function peerHeaderValue(address: string, key = process.env[PEER_KEY_ENV] ?? ""): string {
  return `${key} ${address}`;
}

/** The socket address the web server vouched for, or null. */
export function peerAddress(headers: HeaderSource): string | null {
  const key = process.env[PEER_KEY_ENV];
  const value = headers.get(PEER_HEADER);
  if (!key || !value?.startsWith(`${key} `)) return null;
  return normalizeAddress(value.slice(key.length + 1));
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const MAX_USER_AGENT = 512;

export function clientIp(headers: HeaderSource, proxies: TrustedProxies = trustedProxies()): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  if (!proxies.has(peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    // Garbage in the chain: stop at the last address a trusted proxy gave us.
    if (!hop) break;
    client = hop;
    if (!proxies.has(hop)) break;
  }
  return client;
}

export function requestMeta(headers: HeaderSource | null | undefined): RequestMeta {
  if (!headers) return { ip: null, userAgent: null };
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null };
}
