// Reconciliation with Security Hub: agrees, awaiting, disagrees, not reported.
import { describe, expect, it } from "vitest";
import type { SecurityHubFindingState } from "@/lib/collect/snapshot-types";
import { reconcile, type ReconcileContext, type ReconciliationState } from "@/lib/controls/reconcile";
import type { ControlVerdict } from "@/lib/controls/types";
import { makeFinding, trailArn } from "./fixtures";

const PASSED: ControlVerdict = {
  controlId: "CloudTrail.1",
  status: "PASSED",
  reason: "trail `audit` in us-east-1 is multi-region, logging, and records all read and write management events",
  evidence: [trailArn("audit")],
};
const FAILED: ControlVerdict = {
  ...PASSED,
  status: "FAILED",
  reason: "trail `audit` in us-east-1 logs write-only management events",
};
const AGGREGATOR: ReconcileContext = { securityHubMode: "aggregator" };

interface Case {
  name: string;
  verdict: ControlVerdict;
  findings: SecurityHubFindingState[];
  context: ReconcileContext;
  state: ReconciliationState;
  shStatus: string | null | undefined;
  note: RegExp;
}

const cases: Case[] = [
  {
    name: "Security Hub off: not reported",
    verdict: PASSED,
    findings: [makeFinding()],
    context: { securityHubMode: "off" },
    state: "not_reported",
    shStatus: undefined,
    note: /Security Hub integration is off/,
  },
  {
    name: "no finding (control disabled): not reported",
    verdict: PASSED,
    findings: [],
    context: AGGREGATOR,
    state: "not_reported",
    shStatus: undefined,
    note: /no active finding for CloudTrail\.1: the control may be disabled/,
  },
  {
    name: "only archived or other-control findings: not reported",
    verdict: PASSED,
    findings: [makeFinding({ recordState: "ARCHIVED" }), makeFinding({ controlId: "CloudTrail.2" })],
    context: { securityHubMode: "per-account" },
    state: "not_reported",
    shStatus: undefined,
    note: /no active finding/,
  },
  {
    name: "both PASSED: agrees",
    verdict: PASSED,
    findings: [makeFinding()],
    context: AGGREGATOR,
    state: "agrees",
    shStatus: "PASSED",
    note: /Security Hub agrees: PASSED/,
  },
  {
    name: "we pass, it fails, finding predates the fix: awaiting",
    verdict: PASSED,
    findings: [makeFinding({ complianceStatus: "FAILED", updatedAt: "2026-11-01T00:00:00Z" })],
    context: { securityHubMode: "aggregator", passingSince: "2026-11-02T09:00:00Z" },
    state: "awaiting",
    shStatus: "FAILED",
    note: /awaiting Security Hub re-evaluation: its FAILED finding was last updated 2026-11-01T00:00:00Z, before the fix/,
  },
  {
    name: "we pass, it fails after the fix: disagrees, naming both sides' evidence",
    verdict: PASSED,
    findings: [
      makeFinding({
        complianceStatus: "FAILED",
        updatedAt: "2026-11-03T00:00:00Z",
        statusReasons: [{ reasonCode: "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT", description: "no multi-region trail" }],
      }),
    ],
    context: { securityHubMode: "aggregator", passingSince: "2026-11-02T09:00:00Z" },
    state: "disagrees",
    shStatus: "FAILED",
    note: /^Security Hub says FAILED \(reason code CLOUDTRAIL_MULTI_REGION_NOT_PRESENT: no multi-region trail\) but trail `audit` in us-east-1 is multi-region, logging/,
  },
  {
    name: "we fail, it passes: disagrees",
    verdict: FAILED,
    findings: [makeFinding()],
    context: AGGREGATOR,
    state: "disagrees",
    shStatus: "PASSED",
    note: /Security Hub says PASSED but Trailwarden says FAILED: trail `audit` in us-east-1 logs write-only management events/,
  },
  {
    name: "per-trail findings: any FAILED is FAILED, and the failing trail is named",
    verdict: {
      ...PASSED,
      controlId: "CloudTrail.2",
      reason: "all 2 applicable trails encrypt log files with a KMS key",
    },
    findings: [
      makeFinding({ id: "f1", controlId: "CloudTrail.2", resourceIds: [trailArn("audit")] }),
      makeFinding({
        id: "f2",
        controlId: "CloudTrail.2",
        complianceStatus: "FAILED",
        resourceIds: [trailArn("second")],
      }),
    ],
    context: AGGREGATOR,
    state: "disagrees",
    shStatus: "FAILED",
    note: /Security Hub says FAILED on arn:aws:cloudtrail:us-east-1:111111111111:trail\/second but all 2 applicable trails/,
  },
  {
    name: "our NO_DATA and Security Hub NOT_AVAILABLE agree",
    verdict: {
      ...PASSED,
      controlId: "CloudTrail.6",
      status: "NO_DATA",
      reason: "bucket `x` is owned outside the organization",
    },
    findings: [makeFinding({ controlId: "CloudTrail.6", complianceStatus: "NOT_AVAILABLE" })],
    context: AGGREGATOR,
    state: "agrees",
    shStatus: "NOT_AVAILABLE",
    note: /agrees: NOT_AVAILABLE/,
  },
  {
    name: "our WARNING holds where Security Hub passes: agrees, with our warning",
    verdict: { ...PASSED, controlId: "CloudTrail.5", status: "WARNING", reason: "delivery error" },
    findings: [makeFinding({ controlId: "CloudTrail.5" })],
    context: AGGREGATOR,
    state: "agrees",
    shStatus: "PASSED",
    note: /Trailwarden also warns: delivery error/,
  },
  {
    name: "organization trail credited where Security Hub says NOT_AVAILABLE: disagrees, saying why",
    verdict: { ...PASSED, controlId: "CloudWatch.1", reason: "alarm ok; credited from the organization trail" },
    findings: [makeFinding({ controlId: "CloudWatch.1", complianceStatus: "NOT_AVAILABLE" })],
    context: AGGREGATOR,
    state: "disagrees",
    shStatus: "NOT_AVAILABLE",
    note: /Security Hub says NOT_AVAILABLE but alarm ok; credited from the organization trail/,
  },
  {
    name: "our ERROR is not compared but Security Hub's status is kept",
    verdict: { ...PASSED, status: "ERROR", reason: "GetTrailStatus failed" },
    findings: [makeFinding({ complianceStatus: "FAILED" })],
    context: AGGREGATOR,
    state: "not_reported",
    shStatus: "FAILED",
    note: /no comparison: Trailwarden could not evaluate this control \(GetTrailStatus failed\); Security Hub says FAILED/,
  },
  {
    name: "awaiting needs to know when we started passing",
    verdict: PASSED,
    findings: [makeFinding({ complianceStatus: "FAILED" })],
    context: AGGREGATOR,
    state: "disagrees",
    shStatus: "FAILED",
    note: /Security Hub says FAILED but trail `audit`/,
  },
];

describe("reconcile", () => {
  it.each(cases)("$name", (c) => {
    const result = reconcile(c.verdict, c.findings, c.context);
    expect(result.state).toBe(c.state);
    expect(result.securityHub?.status).toBe(c.shStatus);
    expect(result.note).toMatch(c.note);
  });

  it("reports the latest finding among those with the aggregate status", () => {
    const result = reconcile(
      PASSED,
      [
        makeFinding({ id: "old", updatedAt: "2026-10-01T00:00:00Z", workflowStatus: "NOTIFIED" }),
        makeFinding({ id: "new", updatedAt: "2026-11-01T00:00:00Z", workflowStatus: "RESOLVED" }),
      ],
      AGGREGATOR,
    );
    expect(result.securityHub).toEqual({
      status: "PASSED",
      workflowStatus: "RESOLVED",
      updatedAt: "2026-11-01T00:00:00Z",
      findingId: "new",
    });
  });
});
