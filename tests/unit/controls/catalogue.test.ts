// The catalogue's shape, and the whole-account entry points (order, errorVerdicts, version).
import { describe, expect, it } from "vitest";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import { CONTROL_IDS, getControl, listControls } from "@/lib/controls/catalogue";
import { EVALUATOR_VERSION, errorVerdicts, evaluateAccount } from "@/lib/controls/evaluate-account";
import { formatMapping } from "@/lib/controls/framework-mappings";
import { makeSnapshot } from "./fixtures";

describe("catalogue", () => {
  it("lists CloudTrail.1–7, .9, .10 then CloudWatch.1–14, without CloudTrail.8", () => {
    expect(CONTROL_IDS).toHaveLength(23);
    expect(CONTROL_IDS.slice(0, 9)).toEqual([
      "CloudTrail.1",
      "CloudTrail.2",
      "CloudTrail.3",
      "CloudTrail.4",
      "CloudTrail.5",
      "CloudTrail.6",
      "CloudTrail.7",
      "CloudTrail.9",
      "CloudTrail.10",
    ]);
    expect(getControl("CloudTrail.8")).toBeUndefined();
    expect(listControls().map((c) => c.id)).toEqual(CONTROL_IDS);
  });

  it.each([
    ["CloudTrail.1", "HIGH"],
    ["CloudTrail.2", "MEDIUM"],
    ["CloudTrail.3", "HIGH"],
    ["CloudTrail.4", "LOW"],
    ["CloudTrail.6", "CRITICAL"],
    ["CloudTrail.10", "MEDIUM"],
    ["CloudWatch.7", "LOW"],
  ])("%s has Security Hub's severity %s", (id, severity) => {
    expect(getControl(id)?.severity).toBe(severity);
  });

  it("maps frameworks as docs/controls.md says", () => {
    const names = (id: string) => getControl(id)?.frameworks.map(formatMapping) ?? [];
    expect(names("CloudTrail.1")).toEqual(
      expect.arrayContaining(["CIS AWS Foundations Benchmark v3.0.0 3.1", "CIS AWS Foundations Benchmark v5.0.0 3.1"]),
    );
    expect(names("CloudTrail.6")).toContain("CIS AWS Foundations Benchmark v1.4.0 3.3");
    expect(names("CloudTrail.4")).toEqual(
      expect.arrayContaining(["CIS AWS Foundations Benchmark v1.4.0 3.2", "CIS AWS Foundations Benchmark v5.0.0 3.2"]),
    );
    expect(names("CloudTrail.2")).toContain("CIS AWS Foundations Benchmark v5.0.0 3.5");
    expect(names("CloudTrail.7")).toContain("CIS AWS Foundations Benchmark v5.0.0 3.4");
    expect(names("CloudWatch.4")).toContain("CIS AWS Foundations Benchmark v5.0.0 4.4");
    expect(names("CloudWatch.4")).toEqual(
      expect.arrayContaining(["CIS AWS Foundations Benchmark v1.2.0 3.4", "CIS AWS Foundations Benchmark v1.4.0 4.4"]),
    );
    for (const id of CONTROL_IDS) {
      expect(names(id)).toEqual(
        expect.arrayContaining(["PCI DSS v3.2.1 10", "PCI DSS v4.0 10", "NIST SP 800-53 AU-9", "SOC 2 CC7.2"]),
      );
      expect(names(id)).toEqual(
        expect.arrayContaining([
          "PCI DSS v4.0.1 10.2",
          "PCI DSS v4.0.1 10.3",
          "PCI DSS v4.0.1 10.5",
          "NIST SP 800-53 AU-11",
        ]),
      );
    }
  });

  it("keeps AWS's patterns byte for byte (plain || and AWS's spacing)", () => {
    expect(CIS_METRIC_FILTERS["CloudWatch.2"].pattern).toBe(
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    );
    expect(CIS_METRIC_FILTERS["CloudWatch.1"].pattern).toBe(
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    );
    expect(getControl("CloudWatch.1")?.cis?.metricName).toBe("RootAccountUsage");
    expect(getControl("CloudWatch.3")?.cis?.alternativePatterns).toHaveLength(1);
  });
});

describe("evaluateAccount", () => {
  it("returns one verdict per control in catalogue order", () => {
    const verdicts = evaluateAccount(makeSnapshot(), { requiredTagKeys: [] });
    expect(verdicts.map((v) => v.controlId)).toEqual(CONTROL_IDS);
    expect(EVALUATOR_VERSION).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it("errorVerdicts marks every control ERROR with the collection failure", () => {
    const verdicts = errorVerdicts("AssumeRole failed (AccessDenied)");
    expect(verdicts).toHaveLength(23);
    expect(new Set(verdicts.map((v) => v.status))).toEqual(new Set(["ERROR"]));
    expect(verdicts[0]?.reason).toMatch(
      /collection failed, so nothing could be evaluated: AssumeRole failed \(AccessDenied\)/,
    );
  });
});
