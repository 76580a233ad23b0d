// Where to send a signed-out visitor and where to bring them back afterwards. `next` is only ever
// a path on this site: anything else (another origin, `//host`, a backslash trick) becomes "/",
// so the sign-in page cannot be used as an open redirect.

/** Set by proxy.ts on every page request: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-trailwarden-path";

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  try {
    const url = new URL(value, "http://trailwarden.invalid");
    if (url.origin !== "http://trailwarden.invalid") return "/";
    if (url.pathname === "/sign-in") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

export function signInUrl(next: string | null | undefined): string {
  const path = safeNextPath(next);
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
