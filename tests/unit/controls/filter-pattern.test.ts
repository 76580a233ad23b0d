// Pattern comparison: which whitespace is insignificant, and how a difference is named.
import { describe, expect, it } from "vitest";
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import {
  describeDifference,
  diffPatterns,
  isNearPattern,
  patternKey,
  patternValues,
  tokenizePattern,
} from "@/lib/controls/filter-pattern";

describe("patternKey", () => {
  it.each([
    ["spaces around operators and brackets", '{$.a="x" && $.b !="y"}', '{ $.a = "x"  &&  $.b != "y" }', true],
    [
      "newlines and tabs",
      "{($.eventName=A) || ($.eventName=B)}",
      "{\n\t($.eventName = A) ||\n\t($.eventName = B)\n}",
      true,
    ],
    ["space inside quotes", '{$.m="Failed authentication"}', '{$.m="Failed  authentication"}', false],
    ["space between words is a separator", "{$.a NOT EXISTS}", "{$.aNOT EXISTS}", false],
    ["split operator is not the operator", "{$.a != 1}", "{$.a ! = 1}", false],
    ["quotes are significant", '{$.a="Root"}', "{$.a=Root}", false],
    ["case is significant", "{$.eventName=CreateVpc}", "{$.eventname=CreateVpc}", false],
    ["term order is significant", "{($.a=1) || ($.b=2)}", "{($.b=2) || ($.a=1)}", false],
    ["escaped quote inside a string", '{$.a="x\\" y"}', '{ $.a = "x\\" y" }', true],
  ])("%s", (_name, a, b, equal) => {
    expect(patternKey(a) === patternKey(b)).toBe(equal);
  });

  it("re-tokenizing a key gives the same tokens (the key is injective)", () => {
    const pattern = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
    expect(tokenizePattern(patternKey(pattern))).toEqual(tokenizePattern(pattern));
  });
});

describe("diffPatterns", () => {
  function describe2(candidate: string, reference: string): string {
    const c = tokenizePattern(candidate);
    const r = tokenizePattern(reference);
    return describeDifference(diffPatterns(c, r), patternValues(c), patternValues(r));
  }

  it("names added terms", () => {
    expect(describe2("{($.a=1) || ($.b=2) || ($.c=3)}", "{($.a=1) || ($.b=2)}")).toBe(
      "adds `|| ($.c=3)` to the CIS pattern",
    );
  });

  it("names replaced terms", () => {
    expect(describe2("{($.a=1) && ($.b=9)}", "{($.a=1) && ($.b=2)}")).toBe("has `9` where the CIS pattern has `2`");
  });

  it("names values instead of a long literal stretch", () => {
    const reference = CIS_METRIC_FILTERS["CloudWatch.4"].pattern;
    expect(describe2("{($.eventName=DeleteGroupPolicy) || ($.eventName=PutRolePolicy)}", reference)).toBe(
      "lacks DeleteRolePolicy, DeleteUserPolicy, PutGroupPolicy and 11 more compared with the CIS pattern",
    );
  });

  it("recognises an edited CIS filter but not another control's filter", () => {
    const cw4 = tokenizePattern(CIS_METRIC_FILTERS["CloudWatch.4"].pattern);
    const truncated = tokenizePattern("{($.eventName=DeleteGroupPolicy) || ($.eventName=PutRolePolicy)}");
    expect(isNearPattern(diffPatterns(truncated, cw4), patternValues(truncated), patternValues(cw4))).toBe(true);
    const cw3 = tokenizePattern(CIS_METRIC_FILTERS["CloudWatch.3"].pattern);
    const cw6 = tokenizePattern(CIS_METRIC_FILTERS["CloudWatch.6"].pattern);
    expect(isNearPattern(diffPatterns(cw3, cw6), patternValues(cw3), patternValues(cw6))).toBe(false);
  });
});
