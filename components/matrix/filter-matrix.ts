// Filtering and sorting the compact matrix in the browser: thousands of rows filter in a few
// milliseconds, so a filter change never waits for the server.
import type { MatrixData, MatrixRow } from "@/lib/views/matrix-types";
import { cellIs } from "@/lib/views/status-codes";
import type { MatrixParams } from "@/components/matrix/matrix-params";

export interface MatrixSlice {
  rows: MatrixRow[];
  /** Indices into data.controls of the columns shown. */
  columns: number[];
  /** Failing accounts per shown column, over `rows`. */
  failing: number[];
  /** Failing controls per row id (over the shown columns), for sorting and the row's count. */
  failingByRow: Map<string, number>;
}

export function inOu(ouPath: string, ou: string): boolean {
  return ouPath === ou || ouPath.startsWith(`${ou}/`);
}

function countFailing(row: MatrixRow, columns: number[]): number {
  let n = 0;
  for (const c of columns) if (row.s[c] === "F") n++;
  return n;
}

export function sliceMatrix(data: MatrixData, p: MatrixParams): MatrixSlice {
  const wanted = new Set(p.control);
  let columns = data.controls.flatMap((c, i) => (wanted.has(c.id) || wanted.has(c.family) ? [i] : []));
  if (columns.length === 0) columns = data.controls.map((_, i) => i);
  const q = p.q.toLowerCase();
  const failingByRow = new Map<string, number>();
  const rows = data.rows.filter((row) => {
    if (q && !row.name.toLowerCase().includes(q) && !row.id.includes(q)) return false;
    if (p.ou !== null && !inOu(data.ous[row.ou] ?? "", p.ou)) return false;
    const failing = countFailing(row, columns);
    if (p.failing && failing === 0) return false;
    if (p.status.length && !columns.some((c) => p.status.some((s) => cellIs(row.s[c], s)))) return false;
    failingByRow.set(row.id, failing);
    return true;
  });
  const sign = p.dir === "desc" ? -1 : 1;
  const byName = (a: MatrixRow, b: MatrixRow) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const compare: Record<MatrixParams["sort"], (a: MatrixRow, b: MatrixRow) => number> = {
    name: (a, b) => sign * byName(a, b),
    id: (a, b) => sign * a.id.localeCompare(b.id),
    ou: (a, b) => sign * (data.ous[a.ou] ?? "").localeCompare(data.ous[b.ou] ?? "") || byName(a, b),
    failing: (a, b) => sign * ((failingByRow.get(a.id) ?? 0) - (failingByRow.get(b.id) ?? 0)) || byName(a, b),
  };
  rows.sort(compare[p.sort]);
  const failing = columns.map((c) => rows.reduce((n, row) => n + (row.s[c] === "F" ? 1 : 0), 0));
  return { rows, columns, failing, failingByRow };
}

/** Every OU path and its ancestors, sorted, for the OU filter (choosing a parent includes children). */
export function ouOptions(ous: string[]): string[] {
  const all = new Set<string>();
  for (const ou of ous) {
    if (!ou) continue;
    const parts = ou.split("/");
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join("/"));
  }
  return [...all].sort();
}
