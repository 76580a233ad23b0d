// Every route handler under app/api/v1 must be described in the OpenAPI document, method by method.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

function toOpenApiPath(file: string): string {
  const rel = path.relative(path.resolve("app"), path.dirname(file));
  return (
    "/" +
    rel
      .split(path.sep)
      .map((seg) => seg.replace(/^\[(\w+)\]$/, "{$1}"))
      .join("/")
  );
}

describe("OpenAPI document", () => {
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };

  it("describes every method of every /api/v1 route", () => {
    const missing: string[] = [];
    for (const file of routeFiles(path.resolve("app/api/v1"))) {
      const source = readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!.toLowerCase());
      const p = toOpenApiPath(file);
      for (const method of methods) if (!doc.paths[p]?.[method]) missing.push(`${method.toUpperCase()} ${p}`);
    }
    expect(missing).toEqual([]);
  });

  it("describes nothing that does not exist", () => {
    const existing = new Set(routeFiles(path.resolve("app/api")).map(toOpenApiPath));
    const stale = Object.keys(doc.paths).filter((p) => !existing.has(p));
    expect(stale).toEqual([]);
  });
});
