import { describe, expect, it } from "vitest";
import {
  bearerFromHeader,
  displayPrefix,
  generateApiToken,
  hashApiToken,
  isApiTokenFormat,
  TOKEN_PREFIX,
} from "@/lib/auth/token-format";

describe("API token format", () => {
  it("is tw_ followed by 40 base62 characters", () => {
    const token = generateApiToken();
    expect(token).toMatch(/^tw_[0-9A-Za-z]{40}$/);
    expect(isApiTokenFormat(token)).toBe(true);
  });

  it("never repeats and uses the whole alphabet", () => {
    const tokens = new Set(Array.from({ length: 500 }, () => generateApiToken()));
    expect(tokens.size).toBe(500);
    const seen = new Set([...tokens].flatMap((t) => [...t.slice(TOKEN_PREFIX.length)]));
    expect(seen.size).toBe(62);
  });

  it("rejects look-alikes before any database look-up", () => {
    for (const value of [
      "",
      "tw_",
      `tw_${"a".repeat(39)}`,
      `tw_${"a".repeat(41)}`,
      `xx_${"a".repeat(40)}`,
      `tw_${"a".repeat(39)}-`,
    ]) {
      expect(isApiTokenFormat(value)).toBe(false);
    }
  });
});

describe("hashApiToken", () => {
  it("is the hex SHA-256 of the token, stable and distinct per token", () => {
    expect(hashApiToken("tw_abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken("tw_abc")).toBe(hashApiToken("tw_abc"));
    expect(hashApiToken("tw_abc")).not.toBe(hashApiToken("tw_abd"));
    // Known vector: sha256("abc").
    expect(hashApiToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("keeps only a short prefix in clear", () => {
    const token = generateApiToken();
    expect(displayPrefix(token)).toBe(token.slice(0, 9));
    expect(displayPrefix(token).length).toBeLessThan(token.length / 4);
  });
});

describe("bearerFromHeader", () => {
  it("reads the token from Authorization: Bearer", () => {
    expect(bearerFromHeader("Bearer tw_x")).toBe("tw_x");
    expect(bearerFromHeader("bearer   tw_x  ")).toBe("tw_x");
  });

  it("ignores other schemes and malformed headers", () => {
    for (const value of [null, undefined, "", "Basic abc", "Bearer", "Bearer a b", "Token tw_x"])
      expect(bearerFromHeader(value)).toBeNull();
  });
});
