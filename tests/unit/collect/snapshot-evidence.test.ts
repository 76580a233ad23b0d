import { describe, expect, it } from "vitest";
import { CallRecorder, newRunStats } from "@/lib/collect/call-recorder";
import { snapshotEvidence } from "@/lib/collect/store-snapshot";

describe("snapshotEvidence", () => {
  it("keeps a shared read's responses once per run and refers to them afterwards", () => {
    const stats = newRunStats();
    const shared = new CallRecorder("", stats);
    shared.raw["s3 GetBucketLogging 333333333333 us-east-1 central"] = { LoggingEnabled: { TargetBucket: "logs" } };
    const first = new CallRecorder("111111111111", stats);
    first.raw["cloudtrail ListTrails"] = { Trails: [] };
    first.merge(shared);
    const a = snapshotEvidence(first);
    expect(Object.keys(a.raw).sort()).toEqual([
      "cloudtrail ListTrails",
      "s3 GetBucketLogging 333333333333 us-east-1 central",
    ]);
    expect(a.inlined).toEqual([shared]);
    shared.storedIn = { snapshotId: "snap-1", accountId: "111111111111" };

    const second = new CallRecorder("222222222222", stats);
    second.merge(shared);
    const b = snapshotEvidence(second);
    expect(b.inlined).toEqual([]);
    expect(b.raw).toEqual({
      "shared evidence": [
        {
          snapshotId: "snap-1",
          accountId: "111111111111",
          keys: ["s3 GetBucketLogging 333333333333 us-east-1 central"],
        },
      ],
    });
  });

  it("counts a shared read's calls on the account only when they are made in it", async () => {
    const stats = newRunStats();
    const member = new CallRecorder("222222222222", stats);
    const child = member.child();
    await child.call({ service: "s3", operation: "GetBucketLogging", accountId: "333333333333" }, async () => ({}));
    await child.call({ service: "s3", operation: "GetBucketLogging", accountId: "222222222222" }, async () => ({}));
    expect(member.calls).toBe(1);
    expect(stats.calls).toBe(2);
  });
});
