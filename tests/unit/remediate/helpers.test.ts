// Small pieces the planner and the UI rely on: references between steps, policy merging (order
// and ownership), settings parsing, control lists, and the bulk runner's bound of five accounts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BulkRunner } from "@/components/remediation/bulk-runner";
import { mergeStatements, type PolicyDocument } from "@/lib/remediate/plan/policies/policy-document";
import { parseRemediationSettings, RemediationSettingsError } from "@/lib/remediate/remediation-settings";
import { resolveRefs, stepRef, UnresolvedRefError } from "@/lib/remediate/plan/step-refs";
import { formatControlList } from "@/lib/remediate/plan/summarize-plan";

describe("step references", () => {
  it("resolves values from earlier steps' outputs and refuses missing ones", () => {
    const outputs = new Map([
      ["kms.CreateKey:1:us-east-1:alias/x", { KeyMetadata: { Arn: "arn:aws:kms:us-east-1:1:key/k" } }],
    ]);
    expect(
      resolveRefs({ Name: "t", KmsKeyId: stepRef("kms.CreateKey:1:us-east-1:alias/x", "KeyMetadata.Arn") }, outputs),
    ).toEqual({ Name: "t", KmsKeyId: "arn:aws:kms:us-east-1:1:key/k" });
    expect(() => resolveRefs({ K: stepRef("missing", "A") }, outputs)).toThrow(UnresolvedRefError);
  });
});

describe("mergeStatements", () => {
  const deny = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" };
  it("adds allows before the first deny and keeps every existing statement", () => {
    const current = {
      Version: "2012-10-17",
      Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, deny],
    };
    const merged = mergeStatements(current, [
      { Sid: "TrailwardenNew", Effect: "Allow", Action: "s3:PutObject", Resource: "*" },
    ]);
    expect(merged.document.Statement.map((s) => s.Sid)).toEqual(["A", "TrailwardenNew", "DenyInsecureTransport"]);
    expect(merged.added).toEqual(["TrailwardenNew"]);
  });
  it("updates a statement of ours, never someone else's, and keeps statements without Sid", () => {
    const current: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "x", Resource: "*" },
        { Sid: "TrailwardenOld", Effect: "Allow", Action: "a", Resource: "*" },
      ],
    };
    const merged = mergeStatements(current, [{ Sid: "TrailwardenOld", Effect: "Allow", Action: "b", Resource: "*" }]);
    expect(merged.updated).toEqual(["TrailwardenOld"]);
    expect(merged.document.Statement).toHaveLength(2);
    expect(merged.document.Statement[0]).toEqual({ Effect: "Allow", Action: "x", Resource: "*" });
  });
});

describe("remediation settings", () => {
  it("takes the environment over stored settings", () => {
    const s = parseRemediationSettings(
      { alarmEmail: "stored@example.com", logRetentionDays: 90 },
      {
        TRAILWARDEN_REMEDIATION_ALARM_EMAIL: "env@example.com",
        TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET: "org-logs",
        TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET_ACCOUNT: "222222222222",
        TRAILWARDEN_REMEDIATION_TAGS: "CostCenter=cc-1, Owner=sec",
      },
    );
    expect(s).toMatchObject({
      alarmEmail: "env@example.com",
      logRetentionDays: 90,
      bucket: { mode: "central", name: "org-logs", ownerAccountId: "222222222222", region: "us-east-1" },
      tagValues: { CostCenter: "cc-1", Owner: "sec" },
      namePrefix: "trailwarden-",
      mutationsPerSecond: 1,
    });
  });
  it("names every bad field", () => {
    expect(() =>
      parseRemediationSettings({ logRetentionDays: 42 }, { TRAILWARDEN_REMEDIATION_CENTRAL_BUCKET: "Bad_Bucket" }),
    ).toThrow(RemediationSettingsError);
    try {
      parseRemediationSettings({ logRetentionDays: 42 }, {});
    } catch (err) {
      expect((err as Error).message).toMatch(/logRetentionDays: must be one of/);
    }
  });
});

it("formats control lists compactly", () => {
  expect(
    formatControlList([
      "CloudWatch.3",
      "CloudTrail.1",
      "CloudWatch.1",
      "CloudWatch.2",
      "CloudTrail.5",
      "CloudWatch.14",
    ]),
  ).toBe("CloudTrail.1, CloudTrail.5, CloudWatch.1–3, CloudWatch.14");
});

describe("BulkRunner", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("keeps at most five accounts remediating and starts the next when one finishes", async () => {
    const posted: string[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: { body: string }) => {
      const { accountId } = JSON.parse(init.body) as { accountId: string };
      posted.push(accountId);
      return new Response(JSON.stringify({ jobId: `job-${accountId}`, status: "queued", job: {} }), { status: 202 });
    });
    const states: Record<string, unknown> = {};
    let waiting: string[] = [];
    const runner = new BulkRunner(
      5,
      (id, s) => (states[id] = { ...(states[id] as object), ...s }),
      (w) => (waiting = w),
    );
    runner.start(Array.from({ length: 8 }, (_, i) => ({ accountId: `a${i}`, planId: `p${i}` })));
    await vi.waitFor(() => expect(posted).toHaveLength(5));
    expect(waiting).toEqual(["a5", "a6", "a7"]);
    runner.finished("a2");
    await vi.waitFor(() => expect(posted).toHaveLength(6));
    runner.finished("a2"); // reported twice: no extra start
    await new Promise((r) => setTimeout(r, 20));
    expect(posted).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
    expect(states.a0).toMatchObject({ jobId: "job-a0", done: false });
  });
});
