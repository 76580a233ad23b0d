// Where to send a signed-out visitor and where to bring them back afterwards. `next` is only ever
// a path on this site. The decision is made on the URL as a browser would resolve it, not on the
// text: "/.//evil.com", "/..//evil.com" and "/%2e//evil.com" all resolve to the path "//evil.com",
// which a browser reads as another host. Whatever the input, the result is either "/" or a path
// that stays on this origin however often it is resolved again.

/** Set by proxy.ts on every page request: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-trailwarden-path";

const BASE = "http://trailwarden.invalid";

/** A path is safe to hand to the browser when it names our origin and cannot be read as a host. */
function staysOnSite(path: string): boolean {
  // "//host" and "/\host" are network-path references; control characters are stripped by the
  // URL parser, so "/\t/evil.com" would become one.
  if (!path.startsWith("/") || path.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(path)) return false;
  return new URL(path, BASE).origin === BASE;
}

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Decoding once more catches "%2F%2Fevil.com"-style paths a later hop might decode.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  if (!staysOnSite(path) || !staysOnSite(decoded) || new URL(decoded, BASE).pathname.startsWith("//")) return "/";
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return "/";
  return path;
}

export function signInUrl(next: string | null | undefined): string {
  const path = safeNextPath(next);
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
