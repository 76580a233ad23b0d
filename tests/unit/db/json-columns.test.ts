// The JSON-column readers: a stored value that matches its schema comes back as stored (unknown
// fields kept), one that does not raises a StoredJsonError naming the table, column and row.
import { describe, expect, it } from "vitest";
import { readSnapshotErrors, readSnapshotState } from "@/lib/collect/snapshot-json";
import { StoredJsonError, toJsonColumn } from "@/lib/db/json/read-json-column";
import { readable } from "@/lib/read-models/readable";
import { readPlan, readVerification } from "@/lib/remediate/remediation-json";
import { makeSnapshot } from "../controls/fixtures";

describe("JSON column readers", () => {
  it("returns a stored snapshot state unchanged, fields this version does not know included", () => {
    const state = { ...makeSnapshot(), futureField: { kept: true } };
    const stored = toJsonColumn(state);
    expect(readSnapshotState({ id: "s1", state: stored })).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it("names the table, column and row of a value that does not parse", () => {
    const bad = { ...makeSnapshot(), trails: [{ name: "audit" }] };
    let caught: unknown;
    try {
      readSnapshotState({ id: "snap-7", state: bad });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoredJsonError);
    const err = caught as StoredJsonError;
    expect([err.table, err.column, err.rowId, err.code, err.status]).toEqual([
      "snapshots",
      "state",
      "snap-7",
      "stored_json_invalid",
      500,
    ]);
    expect(err.message).toMatch(/^snapshots\.state of row snap-7 does not have the expected shape: trails\.0\.arn: /);
    expect(() => readSnapshotErrors({ id: "snap-8", errors: { not: "a list" } })).toThrow(
      /^snapshots\.errors of row snap-8 does not have the expected shape: \(value\): /,
    );
    expect(() => readPlan({ id: "job-1", plan: {} })).toThrow(/^remediation_jobs\.plan of row job-1 /);
    expect(() => readVerification({ id: "job-2", verification: { outcome: "maybe" } })).toThrow(
      /^remediation_jobs\.verification of row job-2 /,
    );
    expect(readVerification({ id: "job-3", verification: null })).toBeNull();
  });

  it("gives a page section the unreadable row instead of throwing, and lets other errors through", async () => {
    const failing = Promise.reject(new StoredJsonError("snapshots", "state", "snap-9", ["trails: expected array"]));
    const read = await readable(failing);
    expect(read.ok).toBe(false);
    expect(read.ok ? null : read.error.message).toBe(
      "snapshots.state of row snap-9 does not have the expected shape: trails: expected array",
    );
    expect(await readable(Promise.resolve(3))).toEqual({ ok: true, value: 3 });
    await expect(readable(Promise.reject(new Error("database down")))).rejects.toThrow("database down");
  });
});
