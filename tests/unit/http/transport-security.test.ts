// proxy.ts's HTTP rules: 405 for methods no route has (TRACE answered 500 before), HSTS only over
// https, and the warning when the public URL says http behind an https proxy.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { resetAuthSettingsCache } from "@/lib/auth/auth-env";
import { resetEnvCache } from "@/lib/config/env";
import { HSTS_VALUE, schemeMismatchWarning, servedOverHttps } from "@/lib/http/transport-security";

function withPublicUrl(url: string | undefined): void {
  if (url) process.env.TRAILWARDEN_PUBLIC_URL = url;
  else delete process.env.TRAILWARDEN_PUBLIC_URL;
  resetEnvCache();
  resetAuthSettingsCache();
}

afterEach(() => withPublicUrl(undefined));

describe("proxy", () => {
  it("answers 405 with Allow for methods no route can have, never 5xx", () => {
    // TRACE and CONNECT never get this far: Request refuses them, and the web server answers
    // 405 first (scripts/fuzz-api.sh checks that against the production server).
    for (const method of ["PROPFIND", "FOO", "MKCOL"]) {
      for (const path of ["/api/v1/posture", "/api/v1/remediations/x/retry", "/matrix", "/api/health"]) {
        const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { method }));
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get("allow")).toContain("GET");
      }
    }
  });

  it("answers an undocumented method on a documented path with 405 and the documented methods", () => {
    const put = proxy(new NextRequest("http://127.0.0.1:3000/api/v1/posture", { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")?.split(", ")).toEqual(expect.arrayContaining(["GET", "HEAD", "OPTIONS"]));
    expect(put.headers.get("allow")).not.toContain("PUT");
    const del = proxy(new NextRequest("http://127.0.0.1:3000/api/v1/remediations/123/cancel", { method: "DELETE" }));
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toContain("POST");
    // Documented methods and undocumented paths go on to the guards and routes.
    const post = proxy(new NextRequest("http://127.0.0.1:3000/api/v1/tokens", { method: "POST" }));
    expect(post.status).toBe(401);
    const auth = proxy(new NextRequest("http://127.0.0.1:3000/api/auth/sign-in/email", { method: "POST" }));
    expect(auth.status).toBe(200);
  });

  it("sends HSTS when served over https, not over plain http", () => {
    withPublicUrl("https://trailwarden.example.com");
    const res = proxy(new NextRequest("https://trailwarden.example.com/api/health"));
    expect(res.headers.get("strict-transport-security")).toBe(HSTS_VALUE);
    withPublicUrl("http://127.0.0.1:3000");
    expect(
      proxy(new NextRequest("http://127.0.0.1:3000/api/health")).headers.get("strict-transport-security"),
    ).toBeNull();
    const behindTls = proxy(
      new NextRequest("http://127.0.0.1:3000/api/health", { headers: { "x-forwarded-proto": "https" } }),
    );
    expect(behindTls.headers.get("strict-transport-security")).toBe(HSTS_VALUE);
  });

  it("warns once when the public URL is http but requests arrive over https", () => {
    withPublicUrl("http://trailwarden.internal:3000");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++)
      proxy(new NextRequest("http://trailwarden.internal:3000/", { headers: { "x-forwarded-proto": "https" } }));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/TRAILWARDEN_PUBLIC_URL is http:\/\/trailwarden\.internal:3000/);
    warn.mockRestore();
  });
});

describe("transport rules", () => {
  it("reads the scheme from the public URL or the first X-Forwarded-Proto hop", () => {
    expect(servedOverHttps("https://a.example", null)).toBe(true);
    expect(servedOverHttps("http://a.example", "https, http")).toBe(true);
    expect(servedOverHttps("http://a.example", "http")).toBe(false);
    expect(schemeMismatchWarning("https://a.example", "https")).toBeNull();
    expect(schemeMismatchWarning("http://a.example", "http")).toBeNull();
    expect(schemeMismatchWarning("http://a.example", "https")).toMatch(/X-Forwarded-Proto: https/);
  });
});
