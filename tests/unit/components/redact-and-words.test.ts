import { describe, expect, it } from "vitest";
import { redactSecrets } from "@/lib/read-models/redact-secrets";
import { describeReconciliation } from "@/lib/read-models/reconciliation-words";
import { formatAgo, formatUtc } from "@/components/ui/format-time";

describe("redactSecrets", () => {
  it("removes credential-looking keys and access key ids at any depth", () => {
    const out = redactSecrets({
      Credentials: { SecretAccessKey: "s", SessionToken: "t" },
      list: [{ AccessKeyId: "AKIAABCDEFGHIJKLMNOP" }],
      note: "key AKIAABCDEFGHIJKLMNOP used",
      IsLogging: true,
    });
    expect(out).toEqual({
      Credentials: "[redacted]",
      list: [{ AccessKeyId: "[redacted]" }],
      note: "key [redacted access key id] used",
      IsLogging: true,
    });
  });
});

describe("describeReconciliation", () => {
  it("says each state in words", () => {
    expect(describeReconciliation("awaiting")).toMatch(/^Awaiting Security Hub re-evaluation/);
    expect(describeReconciliation("disagrees", "FAILED")).toBe("Security Hub disagrees: it reports FAILED");
    expect(describeReconciliation("agrees")).toBe("Security Hub agrees with this verdict");
    expect(describeReconciliation(null, null, "ERROR")).toMatch(/^Not compared: the latest collection/);
    expect(describeReconciliation(null)).toMatch(/no Security Hub data/);
  });
});

describe("time formatting", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  it("is relative for recent times and absolute in UTC otherwise", () => {
    expect(formatAgo("2026-11-21T11:59:30Z", now)).toBe("30 s ago");
    expect(formatAgo("2026-11-21T09:00:00Z", now)).toBe("3 h ago");
    expect(formatAgo("2026-11-11T12:00:00Z", now)).toBe("10 days ago");
    expect(formatAgo(null, now)).toBe("never");
    expect(formatUtc("2026-11-21T09:05:00Z")).toBe("2026-11-21 09:05 UTC");
  });
});
