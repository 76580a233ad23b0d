// A job whose every step succeeded ends "needs-attention" (exit 2) when what still fails after the
// re-collection is a person's action, "succeeded" (exit 0) when verified, and "failed" (exit 1)
// when a control still fails for a reason nobody explained (the fix did not hold).
import { describe, expect, it } from "vitest";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { exitCodeFor, jobStatusAfter } from "@/lib/remediate/verify/job-outcome";
import { splitPersonActions } from "@/lib/remediate/verify/person-actions";
import { planFamilyFix } from "@/lib/remediate/plan/plan-family-fix";
import { cisLogGroup, compliant, GROUP_ARN, settings, TOPIC_ARN, withTrail } from "./snapshot-fixtures";

const failingOf = (state: ReturnType<typeof compliant>, s = settings()) =>
  evaluateAccount(state, { requiredTagKeys: s.requiredTagKeys }).filter(
    (v) => v.status === "FAILED" || v.status === "ERROR",
  );

describe("person actions after a fix", () => {
  it("turns alarms whose topic has no confirmed subscriber into one action naming the topic", () => {
    const state = compliant({ logGroups: { [GROUP_ARN]: cisLogGroup(GROUP_ARN, [], 0) } });
    const failing = failingOf(state);
    expect(failing.map((f) => f.controlId)).toHaveLength(14);
    const replan = planFamilyFix({ state, snapshotId: null, settings: settings() });
    const split = splitPersonActions(failing, replan.notes);
    expect(split.unexplained).toEqual([]);
    expect(split.actions).toHaveLength(1);
    expect(split.actions[0]!.controls).toHaveLength(14);
    expect(split.actions[0]!.action).toContain(`Confirm a subscription to SNS topic ${TOPIC_ARN}`);
  });

  it("spells out the missing alarm destination the re-plan asks for", () => {
    const s = settings({ alarmEmail: null });
    // Two chains lack their filter and no topic has a subscriber: the re-plan cannot add them.
    const state = compliant({
      logGroups: { [GROUP_ARN]: cisLogGroup(GROUP_ARN, ["CloudWatch.4", "CloudWatch.5"], 0) },
    });
    const replan = planFamilyFix({ state, snapshotId: null, settings: s });
    const split = splitPersonActions(failingOf(state, s), replan.notes);
    expect(split.unexplained).toEqual([]);
    expect(split.actions).toHaveLength(2);
    expect(split.actions[0]!.controls).toHaveLength(12);
    expect(split.actions[1]).toEqual({
      controls: ["CloudWatch.4", "CloudWatch.5"],
      action: expect.stringMatching(/give an alarm e-mail .* or an existing SNS topic ARN/),
    });
  });

  it("names a control the endpoint could not evaluate", () => {
    const split = splitPersonActions(
      [{ controlId: "CloudTrail.7", status: "ERROR", reason: "GetBucketLogging is not supported by this endpoint" }],
      [],
    );
    expect(split.actions[0]).toEqual({
      controls: ["CloudTrail.7"],
      action: expect.stringContaining("CloudTrail.7 could not be evaluated (GetBucketLogging is not supported"),
    });
  });

  it("leaves a control that still fails for a fixable reason unexplained (the fix did not hold)", () => {
    const state = withTrail({ logFileValidationEnabled: false });
    const replan = planFamilyFix({ state, snapshotId: null, settings: settings() });
    const split = splitPersonActions(failingOf(state), replan.notes);
    expect(split.actions).toEqual([]);
    expect(split.unexplained.map((u) => u.controlId)).toEqual(["CloudTrail.4"]);
  });
});

describe("job status and exit code", () => {
  it("maps verification outcomes to the job's status and the command's exit code", () => {
    expect(jobStatusAfter({ outcome: "logging, validated, alarming" })).toBe("succeeded");
    expect(jobStatusAfter({ outcome: "needs attention" })).toBe("needs-attention");
    expect(jobStatusAfter({ outcome: "not verified" })).toBe("needs-attention");
    expect(jobStatusAfter({ outcome: "still failing" })).toBe("failed");
    expect(exitCodeFor("succeeded")).toBe(0);
    expect(exitCodeFor("needs-attention")).toBe(2);
    expect(exitCodeFor("failed")).toBe(1);
    expect(exitCodeFor("cancelled")).toBe(1);
  });
});
