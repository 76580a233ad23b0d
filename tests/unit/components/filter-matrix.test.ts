import { describe, expect, it } from "vitest";
import type { MatrixData } from "@/lib/views/matrix-types";
import { ouOptions, sliceMatrix } from "@/components/matrix/filter-matrix";
import { parseMatrixParams } from "@/components/matrix/matrix-params";

const controls = ["CloudTrail.1", "CloudTrail.2", "CloudWatch.1"].map((id) => ({
  id,
  family: id.startsWith("CloudTrail") ? ("CloudTrail" as const) : ("CloudWatch" as const),
  short: id.split(".")[1]!,
  title: id,
  severity: "HIGH" as const,
}));

const data: MatrixData = {
  generatedAt: "2026-11-21T00:00:00.000Z",
  controls,
  ous: ["Root/Workloads/Prod", "Root/Workloads/Dev", "Root/Sandbox"],
  rows: [
    { id: "111111111111", name: "payments-prod", ou: 0, s: "PPP", c: "ok" },
    { id: "222222222222", name: "orders-prod", ou: 0, s: "FFP", c: "ok" },
    { id: "333333333333", name: "orders-dev", ou: 1, s: "PFW", c: "partial" },
    { id: "444444444444", name: "sandbox-alice", ou: 2, s: "pfx", c: "error" },
    { id: "555555555555", name: "sandbox-new", ou: 2, s: "...", c: null },
  ],
};

const slice = (qs: string) => sliceMatrix(data, parseMatrixParams(new URLSearchParams(qs)));
const names = (qs: string) => slice(qs).rows.map((r) => r.name);

describe("sliceMatrix", () => {
  it("searches names and ids", () => {
    expect(names("q=ORDERS")).toEqual(["orders-dev", "orders-prod"]);
    expect(names("q=4444")).toEqual(["sandbox-alice"]);
  });

  it("filters by OU including child OUs, and not by name prefix", () => {
    expect(names("ou=Root/Workloads")).toEqual(["orders-dev", "orders-prod", "payments-prod"]);
    expect(names("ou=Root/Work")).toEqual([]);
  });

  it("keeps only failing accounts, judged on the chosen controls", () => {
    expect(names("failing=1")).toEqual(["orders-dev", "orders-prod"]);
    expect(names("failing=1&control=CloudTrail.1")).toEqual(["orders-prod"]);
  });

  it("filters by status; a stale ERROR counts as ERROR, not as its old verdict", () => {
    expect(names("status=ERROR")).toEqual(["sandbox-alice"]);
    expect(names("status=WARNING")).toEqual(["orders-dev"]);
    expect(names("status=PASSED&control=CloudWatch.1")).toEqual(["orders-prod", "payments-prod"]);
  });

  it("takes a family name for all of its controls", () => {
    expect(slice("control=CloudTrail").columns).toEqual([0, 1]);
    expect(names("failing=1&control=CloudWatch")).toEqual([]);
  });

  it("counts failing accounts per shown column", () => {
    const s = slice("control=CloudTrail.1,CloudTrail.2");
    expect(s.columns).toEqual([0, 1]);
    expect(s.failing).toEqual([1, 2]);
    expect(s.failingByRow.get("222222222222")).toBe(2);
  });

  it("sorts by name, id, OU and failing count in both directions", () => {
    expect(names("sort=failing")).toEqual([
      "orders-prod",
      "orders-dev",
      "payments-prod",
      "sandbox-alice",
      "sandbox-new",
    ]);
    expect(names("sort=id&dir=desc")[0]).toBe("sandbox-new");
    expect(names("sort=ou")).toEqual(["sandbox-alice", "sandbox-new", "orders-dev", "orders-prod", "payments-prod"]);
  });

  it("offers every OU and its parents", () => {
    expect(ouOptions(data.ous)).toEqual([
      "Root",
      "Root/Sandbox",
      "Root/Workloads",
      "Root/Workloads/Dev",
      "Root/Workloads/Prod",
    ]);
  });
});
