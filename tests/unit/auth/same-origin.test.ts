import { describe, expect, it } from "vitest";
import { isMutation, isSameOriginRequest } from "@/lib/auth/same-origin";

const base = { host: "127.0.0.1:3000", allowedOrigins: ["https://trailwarden.example.com"] };

describe("isSameOriginRequest", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isSameOriginRequest({ ...base, method, origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(
        true,
      );
    }
  });

  it("accepts mutations from the host the browser addressed", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(
        isSameOriginRequest({ ...base, method, origin: "http://127.0.0.1:3000", secFetchSite: "same-origin" }),
      ).toBe(true);
    }
  });

  it("accepts the configured public URL (TLS ended at a proxy, Host rewritten)", () => {
    expect(
      isSameOriginRequest({
        ...base,
        host: "10.0.0.5:3000",
        method: "POST",
        origin: "https://trailwarden.example.com",
        secFetchSite: null,
      }),
    ).toBe(true);
  });

  it("refuses mutations from another origin, whatever Sec-Fetch-Site claims", () => {
    expect(
      isSameOriginRequest({ ...base, method: "POST", origin: "https://evil.example", secFetchSite: "same-origin" }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ ...base, method: "DELETE", origin: "http://127.0.0.1:3001", secFetchSite: null }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ ...base, method: "POST", origin: "http://127.0.0.1.evil.example", secFetchSite: null }),
    ).toBe(false);
  });

  it("refuses non-http origins and garbage", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "file://", secFetchSite: null })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "not a url", secFetchSite: null })).toBe(false);
  });

  it("falls back to Sec-Fetch-Site when there is no usable Origin", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: null, secFetchSite: "same-origin" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "null", secFetchSite: "same-origin" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "null", secFetchSite: "cross-site" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: null, secFetchSite: "same-site" })).toBe(false);
  });

  it("refuses a mutation that carries neither header", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: null, secFetchSite: null })).toBe(false);
  });
});

describe("isMutation", () => {
  it("is every method but GET, HEAD and OPTIONS", () => {
    expect(["POST", "PUT", "PATCH", "DELETE"].every(isMutation)).toBe(true);
    expect(["GET", "HEAD", "OPTIONS"].some(isMutation)).toBe(false);
  });
});
