import { describe, expect, it } from "vitest";
import { describeSelectors } from "@/lib/read-models/describe-selectors";

const basic = (
  readWriteType: "All" | "ReadOnly" | "WriteOnly",
  extra: Partial<{
    includeManagementEvents: boolean;
    excludeManagementEventSources: string[];
    dataResources: { type: string; values: string[] }[];
  }> = {},
) => ({
  readWriteType,
  includeManagementEvents: true,
  excludeManagementEventSources: [],
  dataResources: [],
  ...extra,
});

describe("describeSelectors", () => {
  it("names AWS's default when selectors were never set", () => {
    expect(describeSelectors({ basic: null, advanced: null })).toEqual([
      "all management events (AWS default: selectors never set)",
    ]);
  });

  it("describes basic selectors", () => {
    expect(describeSelectors({ basic: [basic("All")], advanced: null })).toEqual([
      "read and write management events (basic selector)",
    ]);
    expect(describeSelectors({ basic: [basic("WriteOnly")], advanced: null })).toEqual([
      "write-only management events (basic selector)",
    ]);
    expect(
      describeSelectors({
        basic: [basic("All", { excludeManagementEventSources: ["kms.amazonaws.com"] })],
        advanced: null,
      })[0],
    ).toContain("excluding kms.amazonaws.com");
    expect(
      describeSelectors({
        basic: [
          basic("All", { includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: [] }] }),
        ],
        advanced: null,
      }),
    ).toEqual(["read and write data events for S3::Object (basic selector)"]);
  });

  it("describes advanced selectors by their fields, not their names", () => {
    expect(
      describeSelectors({
        basic: null,
        advanced: [{ name: "Log all", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }],
      }),
    ).toEqual(['read and write management events (advanced selector "Log all")']);
    expect(
      describeSelectors({
        basic: null,
        advanced: [
          {
            name: "Log all management events",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "readOnly", equals: ["false"] },
            ],
          },
        ],
      })[0],
    ).toMatch(/^write-only management events/);
    expect(
      describeSelectors({
        basic: null,
        advanced: [
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "eventSource", notEquals: ["kms.amazonaws.com"] },
            ],
          },
        ],
      })[0],
    ).toBe("read and write management events, only where eventSource ≠ kms.amazonaws.com (advanced selector)");
  });

  it("says when the selectors could not be read", () => {
    expect(describeSelectors(null)).toEqual(["unknown: GetEventSelectors failed"]);
  });
});
