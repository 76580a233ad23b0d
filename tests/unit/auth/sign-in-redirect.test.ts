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

  it("judges the path a browser resolves, not the text (dot segments, encodings, backslashes)", () => {
    for (const value of [
      "/.//evil.com",
      "/..//evil.com",
      "/a/..//evil.com",
      "/%2e//evil.com",
      "/%2E%2E//evil.com",
      "/./%2e//evil.com",
      "/%2F%2Fevil.com",
      "/%2f/evil.com",
      "/%5Cevil.com",
      "/%5C%5Cevil.com",
      "/\\evil.com",
      "/.\\evil.com",
      "/\t/evil.com",
      "/\n//evil.com",
      "/sign-in/../sign-in?next=//evil.com",
    ]) {
      const next = safeNextPath(value);
      expect(next, value).toBe("/");
    }
    // What is accepted stays on this origin when the browser resolves it against any base.
    for (const value of ["/audit?x=//evil.com", "/accounts/123#//evil.com", "/./matrix", "/a/../reports"]) {
      const next = safeNextPath(value);
      expect(new URL(next, "https://trailwarden.example").origin, value).toBe("https://trailwarden.example");
      expect(next.startsWith("//"), value).toBe(false);
    }
    expect(safeNextPath("/./matrix")).toBe("/matrix");
    expect(safeNextPath("/audit?x=//evil.com")).toBe("/audit?x=//evil.com");
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
