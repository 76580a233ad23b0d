// The shape of a table-driven verdict case and its runner: every case asserts status and reason.
import { expect, it } from "vitest";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import type { ControlId, VerdictStatus } from "@/lib/controls/types";
import { verdictFor } from "./fixtures";

export interface VerdictCase {
  name: string;
  control: ControlId;
  state: () => AccountSnapshotState;
  requiredTagKeys?: string[];
  status: VerdictStatus;
  reason: RegExp;
  /** ARNs that must be among the evidence. */
  evidence?: string[];
}

export function runVerdictCases(cases: VerdictCase[]): void {
  it.each(cases)("$control: $name", (c) => {
    const verdict = verdictFor(c.state(), c.control, c.requiredTagKeys);
    expect({ status: verdict.status, reason: verdict.reason }).toEqual({
      status: c.status,
      reason: expect.stringMatching(c.reason),
    });
    for (const arn of c.evidence ?? []) expect(verdict.evidence).toContain(arn);
  });
}
