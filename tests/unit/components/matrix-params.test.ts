import { describe, expect, it } from "vitest";
import { parseMatrixParams, serializeMatrixParams } from "@/components/matrix/matrix-params";

const parse = (qs: string) => parseMatrixParams(new URLSearchParams(qs));

describe("matrix URL parameters", () => {
  it("defaults to every account sorted by name", () => {
    expect(parse("")).toEqual({
      q: "",
      ou: null,
      status: [],
      control: [],
      failing: false,
      sort: "name",
      dir: "asc",
      cell: null,
    });
    expect(serializeMatrixParams(parse(""))).toBe("");
  });

  it("parses every filter, the sort and the open cell", () => {
    const p = parse(
      "q=prod&ou=Root%2FWorkloads&status=FAILED,ERROR&control=CloudTrail.1,CloudWatch.14&failing=1&sort=failing&cell=123456789012:CloudTrail.10",
    );
    expect(p).toEqual({
      q: "prod",
      ou: "Root/Workloads",
      status: ["FAILED", "ERROR"],
      control: ["CloudTrail.1", "CloudWatch.14"],
      failing: true,
      sort: "failing",
      dir: "desc",
      cell: { accountId: "123456789012", controlId: "CloudTrail.10" },
    });
  });

  it("round-trips through the query string, leaving defaults out", () => {
    const p = parse("q=a&status=PASSED&sort=ou&dir=desc");
    const qs = serializeMatrixParams(p);
    expect(qs).toBe("q=a&status=PASSED&sort=ou&dir=desc");
    expect(parse(qs)).toEqual(p);
    expect(serializeMatrixParams({ ...parse("sort=failing"), dir: "desc" })).toBe("sort=failing");
  });

  it("falls back instead of failing on bad values", () => {
    const p = parse(
      "status=NOPE,FAILED&control=CloudTrail.1,<script>&sort=weird&dir=up&cell=abc:CloudTrail.1&q=" + "x".repeat(500),
    );
    expect(p.status).toEqual(["FAILED"]);
    expect(p.control).toEqual(["CloudTrail.1"]);
    expect(p.sort).toBe("name");
    expect(p.dir).toBe("asc");
    expect(p.cell).toBeNull();
    expect(p.q).toBe("");
  });
});
