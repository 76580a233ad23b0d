// API token format and hashing. A token is `tw_` + 40 base62 characters (~238 bits); only its
// SHA-256 and a short display prefix are stored, so a database leak does not leak usable tokens.
// SHA-256 (not a slow hash) is right here: the secret is random and long, not a guessable password,
// and look-ups go through the unique index on the hash, so no comparison of secrets happens in JS.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "tw_";
const BODY_LENGTH = 40;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);
/** How many characters of the token are kept in clear to recognise it in lists. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

/** A new random token. Rejection sampling keeps every base62 character equally likely. */
export function generateApiToken(): string {
  let body = "";
  while (body.length < BODY_LENGTH) {
    for (const byte of randomBytes(BODY_LENGTH * 2)) {
      // 248 = 62 * 4: bytes at or above it would bias the first characters of the alphabet.
      if (byte < 248 && body.length < BODY_LENGTH) body += BASE62[byte % 62];
    }
  }
  return TOKEN_PREFIX + body;
}

/** True for strings shaped like our tokens (checked before any database look-up). */
export function isApiTokenFormat(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** The token in an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerFromHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
