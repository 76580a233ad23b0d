// The overview's figures, computed from the current cell codes (get-latest-statuses.ts). Pure, so
// the arithmetic is unit-tested without a database.
import type { ControlColumn } from "@/lib/views/control-columns";
import type { AccountStatuses } from "@/lib/read-models/get-latest-statuses";
import { NO_RESULT_CODE } from "@/lib/views/status-codes";

/** A control "holds" when it passed, passed with a warning, or does not apply. */
const HOLDS = new Set(["P", "W", "X"]);

export interface FamilyShare {
  passing: number;
  evaluated: number;
  /** Accounts that fail nothing and have no error, but lack evidence (NO_DATA) for some control. */
  onlyNoData: number;
}

export interface ControlFailures {
  id: string;
  short: string;
  family: string;
  title: string;
  failing: number;
  errors: number;
  noData: number;
}

export interface WorstAccount {
  id: string;
  name: string;
  ouPath: string;
  failing: number;
  errors: number;
  failingIds: string[];
}

export interface PostureSummary {
  accounts: number;
  evaluated: number;
  whole: FamilyShare;
  cloudTrail: FamilyShare;
  cloudWatch: FamilyShare;
  perControl: ControlFailures[];
  worst: WorstAccount[];
  collections: { ok: number; partial: number; error: number; never: number };
}

export function summarizePosture(
  accounts: AccountStatuses[],
  controls: ControlColumn[],
  worstCount = 8,
): PostureSummary {
  const familyCols = (family: string) => controls.flatMap((c, i) => (c.family === family ? [i] : []));
  const ct = familyCols("CloudTrail");
  const cw = familyCols("CloudWatch");
  const all = controls.map((_, i) => i);
  const whole: FamilyShare = { passing: 0, evaluated: 0, onlyNoData: 0 };
  const cloudTrail: FamilyShare = { passing: 0, evaluated: 0, onlyNoData: 0 };
  const cloudWatch: FamilyShare = { passing: 0, evaluated: 0, onlyNoData: 0 };
  const perControl: ControlFailures[] = controls.map((c) => ({
    id: c.id,
    short: c.short,
    family: c.family,
    title: c.title,
    failing: 0,
    errors: 0,
    noData: 0,
  }));
  const collections = { ok: 0, partial: 0, error: 0, never: 0 };
  const scored: WorstAccount[] = [];
  const holds = (cells: string, cols: number[]) => cols.every((i) => HOLDS.has(cells[i] ?? NO_RESULT_CODE));
  const holdsButNoData = (cells: string, cols: number[]) =>
    cols.every((i) => HOLDS.has(cells[i] ?? NO_RESULT_CODE) || cells[i] === "N") && cols.some((i) => cells[i] === "N");
  const tally = (share: FamilyShare, cells: string, cols: number[]) => {
    share.evaluated++;
    if (holds(cells, cols)) share.passing++;
    else if (holdsButNoData(cells, cols)) share.onlyNoData++;
  };
  for (const a of accounts) {
    collections[a.collection ?? "never"]++;
    if (!a.cells || [...a.cells].every((code) => code === NO_RESULT_CODE)) continue;
    tally(whole, a.cells, all);
    tally(cloudTrail, a.cells, ct);
    tally(cloudWatch, a.cells, cw);
    let failing = 0;
    let errors = 0;
    const failingIds: string[] = [];
    for (let i = 0; i < controls.length; i++) {
      const code = a.cells[i] ?? NO_RESULT_CODE;
      const counts = perControl[i]!;
      if (code === "F") {
        counts.failing++;
        failing++;
        failingIds.push(controls[i]!.id);
      } else if (code === "N") counts.noData++;
      else if (code === "E" || code !== code.toUpperCase()) {
        counts.errors++;
        errors++;
      }
    }
    if (failing || errors) scored.push({ id: a.id, name: a.name, ouPath: a.ouPath, failing, errors, failingIds });
  }
  scored.sort((x, y) => y.failing - x.failing || y.errors - x.errors || x.name.localeCompare(y.name));
  return {
    accounts: accounts.length,
    evaluated: whole.evaluated,
    whole,
    cloudTrail,
    cloudWatch,
    perControl,
    worst: scored.slice(0, worstCount),
    collections,
  };
}
