import { describe, expect, it } from "vitest";
import type { AccountStatuses } from "@/lib/read-models/get-latest-statuses";
import { summarizePosture } from "@/lib/read-models/summarize-posture";

const controls = ["CloudTrail.1", "CloudTrail.2", "CloudWatch.1"].map((id) => ({
  id,
  family: id.startsWith("CloudTrail") ? ("CloudTrail" as const) : ("CloudWatch" as const),
  short: id.split(".")[1]!,
  title: id,
  severity: "HIGH" as const,
}));

function account(id: string, cells: string, collection: AccountStatuses["collection"] = "ok"): AccountStatuses {
  return {
    id,
    name: `acct-${id}`,
    ouPath: "Root",
    accountStatus: "ACTIVE",
    isManagement: false,
    collection,
    collectionError: null,
    collectedAt: null,
    evaluatedAt: null,
    cells,
  };
}

describe("summarizePosture", () => {
  const s = summarizePosture(
    [
      account("1", "PWX"),
      account("2", "PFP"),
      account("3", "FFF"),
      account("4", "pPN", "error"),
      account("5", "...", null),
    ],
    controls,
  );

  it("counts an account as passing the family only when every control holds (passed, warning or not applicable)", () => {
    expect(s.whole).toEqual({ passing: 1, evaluated: 4, onlyNoData: 0 });
    expect(s.cloudTrail).toEqual({ passing: 1, evaluated: 4, onlyNoData: 0 });
    expect(s.cloudWatch).toEqual({ passing: 2, evaluated: 4, onlyNoData: 1 });
  });

  it("counts failing, error (stale) and no-data accounts per control", () => {
    expect(s.perControl.map((c) => [c.id, c.failing, c.errors, c.noData])).toEqual([
      ["CloudTrail.1", 1, 1, 0],
      ["CloudTrail.2", 2, 0, 0],
      ["CloudWatch.1", 1, 0, 1],
    ]);
  });

  it("ranks the worst accounts by failing controls, then errors", () => {
    expect(s.worst.map((w) => [w.id, w.failing, w.errors])).toEqual([
      ["3", 3, 0],
      ["2", 1, 0],
      ["4", 0, 1],
    ]);
    expect(s.worst[0]!.failingIds).toEqual(["CloudTrail.1", "CloudTrail.2", "CloudWatch.1"]);
  });

  it("counts collections by outcome, never-collected included", () => {
    expect(s.collections).toEqual({ ok: 3, partial: 0, error: 1, never: 1 });
  });
});
