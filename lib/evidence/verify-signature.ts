// SHA256withRSA verification of a digest's signature with the public key CloudTrail published for
// its fingerprint (DER PKCS #1, from ListPublicKeys). Parsed keys are kept by fingerprint: a year of
// hourly digests is signed by a handful of keys, and parsing one costs more than a verification.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

const parsed = new Map<string, KeyObject>();

export function publicKeyObject(fingerprint: string, der: Uint8Array): KeyObject {
  let key = parsed.get(fingerprint);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(der), format: "der", type: "pkcs1" });
    parsed.set(fingerprint, key);
  }
  return key;
}

/** True when `signatureHex` is `data` signed (SHA-256, PKCS #1 v1.5) by the key's private half. */
export function verifySignature(data: string, signatureHex: string, key: KeyObject): boolean {
  if (!/^[0-9a-fA-F]+$/.test(signatureHex) || signatureHex.length % 2 !== 0) return false;
  try {
    return verify("sha256", Buffer.from(data, "utf8"), key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}
