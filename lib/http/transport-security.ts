// HTTP-level rules proxy.ts applies to every response: HSTS when the site is served over https,
// 405 for methods no route can have (inventions such as PROPFIND; TRACE and CONNECT cannot
// even be turned into a Request, so lib/runtime/web-server.mjs answers those itself), and a one-time warning when the
// configured public URL says http while a proxy reports that browsers reach us over https (cookies
// would then be set without Secure and OAuth callbacks built on the wrong scheme).

/** Two years, the value browsers' preload lists ask for. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** The methods route handlers can export; anything else is refused before routing. */
export const ROUTABLE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function isRoutableMethod(method: string): boolean {
  return ROUTABLE_METHODS.has(method.toUpperCase());
}

/** True when the browser reached us over https: the public URL says so, or a proxy in front does. */
export function servedOverHttps(publicUrl: string, forwardedProto: string | null): boolean {
  return publicUrl.startsWith("https://") || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** The warning to log when the public URL is http but requests arrive through an https proxy. */
export function schemeMismatchWarning(publicUrl: string, forwardedProto: string | null): string | null {
  if (!publicUrl.startsWith("http://")) return null;
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() !== "https") return null;
  return (
    `TRAILWARDEN_PUBLIC_URL is ${publicUrl} but requests arrive with X-Forwarded-Proto: https. ` +
    "Set TRAILWARDEN_PUBLIC_URL to the https address users open, so session cookies are Secure and sign-in callbacks use https."
  );
}

const warned = new Set<string>();

/** Logs the scheme warning once per process (and public URL). */
export function warnOnSchemeMismatch(publicUrl: string, forwardedProto: string | null): void {
  if (warned.has(publicUrl)) return;
  const warning = schemeMismatchWarning(publicUrl, forwardedProto);
  if (!warning) return;
  warned.add(publicUrl);
  console.warn(`[trailwarden] WARNING: ${warning}`);
}
