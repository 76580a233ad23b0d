import { describe, expect, it } from "vitest";
import { safeNextPath, signInUrl } from "@/lib/auth/sign-in-redirect";
import { decideProxy, isPublicPath } from "@/lib/auth/proxy-decision";

describe("safeNextPath", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeNextPath("/audit?outcome=failure")).toBe("/audit?outcome=failure");
    expect(safeNextPath("/settings/users")).toBe("/settings/users");
  });

  it("turns anything that could leave the site into /", () => {
    for (const value of [
      null,
      undefined,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "evil",
      "/sign-in?next=/x",
      "javascript:alert(1)",
    ]) {
      expect(safeNextPath(value)).toBe("/");
    }
  });
});

describe("signInUrl", () => {
  it("carries where to come back to", () => {
    expect(signInUrl("/audit?page=2")).toBe("/sign-in?next=%2Faudit%3Fpage%3D2");
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });
});

describe("proxy decision", () => {
  const none = { search: "", hasSession: false, hasBearer: false };

  it("leaves public paths alone", () => {
    for (const path of [
      "/sign-in",
      "/api/auth/sign-in/email",
      "/api/health",
      "/api/v1/openapi.json",
      "/_next/data/x",
    ]) {
      expect(isPublicPath(path)).toBe(true);
      expect(decideProxy({ ...none, pathname: path })).toEqual({ kind: "next" });
    }
    expect(isPublicPath("/sign-inx")).toBe(false);
    expect(isPublicPath("/api/authx")).toBe(false);
  });

  it("answers 401 for API calls without credentials and redirects pages to sign-in", () => {
    expect(decideProxy({ ...none, pathname: "/api/v1/tokens" })).toEqual({ kind: "unauthenticated-api" });
    expect(decideProxy({ ...none, pathname: "/audit", search: "?page=2" })).toEqual({
      kind: "redirect",
      location: "/sign-in?next=%2Faudit%3Fpage%3D2",
    });
  });

  it("passes anything with a session cookie or bearer token on to the guards", () => {
    expect(decideProxy({ ...none, pathname: "/api/v1/tokens", hasBearer: true })).toEqual({ kind: "next" });
    expect(decideProxy({ ...none, pathname: "/settings", hasSession: true })).toEqual({ kind: "next" });
  });
});
