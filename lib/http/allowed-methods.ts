// The methods each documented path answers, from the OpenAPI document. proxy.ts uses it to answer
// an undocumented method with 405 and an `Allow` header (RFC 9110) before any route runs; Next.js's
// own 405 for a method a route file does not export carries no Allow. Paths the document does not
// describe (better-auth's /api/auth/*, pages) are left alone.
import { openApiDocument } from "@/lib/api/openapi";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

interface PathMethods {
  pattern: RegExp;
  methods: string[];
}

let table: PathMethods[] | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "/api/v1/remediations/{id}/cancel" → a pattern where each {param} is one path segment. */
export function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : escapeRegExp(part)))
    .join("");
  return new RegExp(`^${source}/?$`);
}

function buildTable(doc: object): PathMethods[] {
  const paths = (doc as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return Object.entries(paths).map(([template, item]) => {
    const methods = Object.keys(item)
      .filter((k) => HTTP_METHODS.has(k))
      .map((k) => k.toUpperCase());
    // HEAD follows GET, and OPTIONS is answered for every route by Next.js.
    if (methods.includes("GET")) methods.push("HEAD");
    methods.push("OPTIONS");
    return { pattern: pathPattern(template), methods: [...new Set(methods)] };
  });
}

/** The documented methods of `pathname`, or null when the document does not describe it. */
export function allowedMethods(pathname: string, doc?: object): string[] | null {
  const rows = doc ? buildTable(doc) : (table ??= buildTable(openApiDocument()));
  // "/collections/latest" also matches "/collections/{id}": every matching entry counts.
  const matches = rows.filter((r) => r.pattern.test(pathname));
  if (matches.length === 0) return null;
  return [...new Set(matches.flatMap((m) => m.methods))];
}
