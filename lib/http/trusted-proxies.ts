// TRAILWARDEN_TRUSTED_PROXIES: the addresses (IPv4/IPv6, single or CIDR) of reverse proxies whose
// X-Forwarded-For is believed. Anyone can send that header; only a proxy we know appends a true
// entry to it. Parsed once, with an error naming the bad entry.
import { BlockList, isIP } from "node:net";
import { ConfigError } from "@/lib/config/env";

export interface TrustedProxies {
  /** True when `address` is one of the configured proxies. */
  has(address: string): boolean;
  readonly size: number;
}

/** "::ffff:10.0.0.1" (how Node reports IPv4 peers on a dual-stack socket) as "10.0.0.1". */
export function normalizeAddress(value: string): string | null {
  let text = value.trim();
  // "[2001:db8::1]:443" and "10.0.0.1:443" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  if (mapped) text = mapped[1]!;
  return isIP(text) ? text.toLowerCase() : null;
}

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  let size = 0;
  for (const raw of (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = raw.split("/");
    const ip = address ? normalizeAddress(address) : null;
    const family = ip ? (isIP(ip) === 4 ? "ipv4" : "ipv6") : null;
    const bits = prefix === undefined ? null : Number(prefix);
    const max = family === "ipv4" ? 32 : 128;
    if (!ip || !family || extra !== undefined || (bits !== null && (!Number.isInteger(bits) || bits < 0 || bits > max)))
      throw new ConfigError(
        `Invalid configuration:\n  TRAILWARDEN_TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)`,
      );
    if (bits === null) list.addAddress(ip, family);
    else list.addSubnet(ip, bits, family);
    size++;
  }
  return {
    size,
    has(candidate) {
      const ip = normalizeAddress(candidate);
      if (!ip) return false;
      return list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
    },
  };
}

let cached: { source: string | undefined; proxies: TrustedProxies } | undefined;

/** The configured proxies (re-parsed when the variable changes, which tests do). */
export function trustedProxies(): TrustedProxies {
  const source = process.env.TRAILWARDEN_TRUSTED_PROXIES;
  if (!cached || cached.source !== source) cached = { source, proxies: parseTrustedProxies(source) };
  return cached.proxies;
}
