// One character per matrix cell, so the matrix of thousands of accounts travels to the browser as
// short strings instead of objects (the /matrix HTML budget is 1.5 MB for 1,000 accounts).
// Upper case: the current verdict. Lower case: ERROR, showing the last good verdict marked stale
// (docs/controls.md: never show an old PASSED as current). "E": ERROR with no earlier verdict.
// ".": no verdict for that control yet. Pure module: imported by server and client code.
import type { VerdictStatus } from "@/lib/controls/types";

export type { VerdictStatus };

export const VERDICT_STATUSES: readonly VerdictStatus[] = [
  "PASSED",
  "FAILED",
  "WARNING",
  "NO_DATA",
  "NOT_APPLICABLE",
  "ERROR",
];

const CODE: Record<VerdictStatus, string> = {
  PASSED: "P",
  FAILED: "F",
  WARNING: "W",
  NO_DATA: "N",
  NOT_APPLICABLE: "X",
  ERROR: "E",
};

const BY_CODE = new Map<string, VerdictStatus>(
  Object.entries(CODE).map(([status, code]) => [code, status as VerdictStatus]),
);

export const NO_RESULT_CODE = ".";

export function isVerdictStatus(value: unknown): value is VerdictStatus {
  return typeof value === "string" && (VERDICT_STATUSES as readonly string[]).includes(value);
}

/** The cell code of a verdict; an ERROR with a last good verdict keeps that verdict, in lower case. */
export function encodeCell(status: string | null | undefined, staleStatus?: string | null): string {
  if (!isVerdictStatus(status)) return NO_RESULT_CODE;
  if (status === "ERROR" && isVerdictStatus(staleStatus) && staleStatus !== "ERROR")
    return CODE[staleStatus].toLowerCase();
  return CODE[status];
}

export interface DecodedCell {
  /** The current verdict; null when there is none yet. */
  status: VerdictStatus | null;
  /** For ERROR cells: the last good verdict, shown faded and marked stale. */
  stale: VerdictStatus | null;
}

export function decodeCell(code: string | undefined): DecodedCell {
  if (!code || code === NO_RESULT_CODE) return { status: null, stale: null };
  const upper = code.toUpperCase();
  const status = BY_CODE.get(upper) ?? null;
  if (code !== upper && status) return { status: "ERROR", stale: status };
  return { status, stale: null };
}

export function statusCode(status: VerdictStatus): string {
  return CODE[status];
}

/** True when the cell's current verdict is `status` (a stale ERROR cell is ERROR, not its old verdict). */
export function cellIs(code: string | undefined, status: VerdictStatus): boolean {
  if (!code) return false;
  if (status === "ERROR") return code === "E" || (code !== NO_RESULT_CODE && code !== code.toUpperCase());
  return code === CODE[status];
}
