import { describe, expect, it } from "vitest";
import { cellIs, decodeCell, encodeCell, NO_RESULT_CODE, VERDICT_STATUSES } from "@/lib/views/status-codes";

describe("matrix cell codes", () => {
  it("round-trips every status", () => {
    for (const status of VERDICT_STATUSES) expect(decodeCell(encodeCell(status))).toEqual({ status, stale: null });
  });

  it("keeps the last good verdict of an ERROR, as stale, never as current", () => {
    const code = encodeCell("ERROR", "PASSED");
    expect(code).toBe("p");
    expect(decodeCell(code)).toEqual({ status: "ERROR", stale: "PASSED" });
    expect(cellIs(code, "PASSED")).toBe(false);
    expect(cellIs(code, "ERROR")).toBe(true);
  });

  it("treats an ERROR without a last good verdict, or with an ERROR one, as plain ERROR", () => {
    expect(encodeCell("ERROR", null)).toBe("E");
    expect(encodeCell("ERROR", "ERROR")).toBe("E");
    expect(decodeCell("E")).toEqual({ status: "ERROR", stale: null });
  });

  it("ignores stale fields on non-ERROR verdicts and unknown statuses", () => {
    expect(encodeCell("FAILED", "PASSED")).toBe("F");
    expect(encodeCell("MAYBE")).toBe(NO_RESULT_CODE);
    expect(encodeCell(null)).toBe(NO_RESULT_CODE);
    expect(decodeCell(NO_RESULT_CODE)).toEqual({ status: null, stale: null });
    expect(decodeCell(undefined)).toEqual({ status: null, stale: null });
  });
});
