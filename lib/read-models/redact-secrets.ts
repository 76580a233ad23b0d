// The raw API responses are shown to every viewer: drop anything that looks like a credential
// even though the collector already trims them (defence in depth; lib/collect/call-recorder.ts).
const SECRET_KEY = /secret|password|passphrase|credential|sessiontoken|accesskey|privatekey|authorization/i;

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 40) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : redactSecrets(v, depth + 1);
    return out;
  }
  if (typeof value === "string" && /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value))
    return value.replace(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, "[redacted access key id]");
  return value;
}
