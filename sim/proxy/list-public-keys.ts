// CloudTrail ListPublicKeys, which moto lacks: answers with the simulator's signing keys (those a
// digest writer registered at REGISTER_PATH), filtered as AWS filters them: keys of the call's
// region whose validity overlaps [StartTime, EndTime] (both default to now, giving the current key).
import { z } from "zod";

import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { jsonAnswer, type ProxyAnswer } from "@/sim/proxy/aws-errors";
import { REGISTER_PATH, type RegisteredPublicKey } from "@/sim/signing-keys";

const registration = z.array(
  z.object({
    region: z.string().min(1),
    value: z.string().min(1),
    fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime(),
  }),
);

/** JSON-protocol timestamps arrive as epoch seconds (the SDK) or ISO strings (some clients). */
function toMillis(value: unknown, fallback: number): number {
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string") {
    const n = Number(value);
    if (Number.isFinite(n)) return n * 1000;
    const t = Date.parse(value);
    if (Number.isFinite(t)) return t;
  }
  return fallback;
}

export interface ListPublicKeysInterceptor extends ProxyInterceptor {
  keys(): RegisteredPublicKey[];
}

export function listPublicKeysInterceptor(): ListPublicKeysInterceptor {
  const byFingerprint = new Map<string, RegisteredPublicKey>();
  const text = (status: number, body: string): ProxyAnswer => ({
    status,
    headers: { "content-type": "text/plain" },
    body,
  });
  return {
    name: "list-public-keys",
    keys: () => [...byFingerprint.values()],
    intercept(call) {
      if (call.url.startsWith(REGISTER_PATH) && call.method === "POST") {
        let parsed;
        try {
          parsed = registration.safeParse(JSON.parse(call.body.toString("utf8")));
        } catch {
          return text(400, "body is not JSON");
        }
        if (!parsed.success) return text(400, parsed.error.message);
        // A key re-registered with a shorter validity (rotation) replaces the old entry.
        for (const key of parsed.data) byFingerprint.set(key.fingerprint, key);
        return text(204, "");
      }
      if (call.service !== "cloudtrail" || call.operation !== "ListPublicKeys") return undefined;
      const now = Date.now();
      const start = toMillis(call.input?.StartTime, now);
      const end = toMillis(call.input?.EndTime, now);
      const list = [...byFingerprint.values()]
        .filter((k) => k.region === call.region)
        .filter((k) => Date.parse(k.validFrom) <= end && Date.parse(k.validTo) >= start)
        .sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom))
        .map((k) => ({
          Value: k.value,
          ValidityStartTime: Date.parse(k.validFrom) / 1000,
          ValidityEndTime: Date.parse(k.validTo) / 1000,
          Fingerprint: k.fingerprint,
        }));
      return jsonAnswer({ PublicKeyList: list });
    },
  };
}
