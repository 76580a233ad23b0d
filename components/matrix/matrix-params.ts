// The matrix's filters, sort and open cell live in the URL (every view is linkable). One zod
// schema parses them; a bad value falls back to its default instead of breaking the page.
import { z } from "zod";
import { VERDICT_STATUSES, type VerdictStatus } from "@/lib/views/status-codes";

export const MATRIX_SORTS = ["name", "id", "ou", "failing"] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];
export type SortDir = "asc" | "desc";

/** A control id, or a family name standing for all of its controls (keeps URLs short). */
const CONTROL_RE = /^(CloudTrail|CloudWatch)(\.\d{1,2})?$/;
const CELL_RE = /^(\d{12}):((?:CloudTrail|CloudWatch)\.\d{1,2})$/;

const csv = z.string().transform((s) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
);

const schema = z.object({
  q: z.string().max(100).default("").catch(""),
  ou: z.string().max(300).optional().catch(undefined),
  status: csv
    .transform((list) => list.filter((s): s is VerdictStatus => (VERDICT_STATUSES as readonly string[]).includes(s)))
    .default([])
    .catch([]),
  control: csv
    .transform((list) => list.filter((c) => CONTROL_RE.test(c)))
    .default([])
    .catch([]),
  failing: z.enum(["1", "true"]).optional().catch(undefined),
  sort: z.enum(MATRIX_SORTS).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  cell: z.string().regex(CELL_RE).optional().catch(undefined),
});

export interface MatrixParams {
  q: string;
  ou: string | null;
  status: VerdictStatus[];
  control: string[];
  failing: boolean;
  sort: MatrixSort;
  dir: SortDir;
  cell: { accountId: string; controlId: string } | null;
}

export function defaultDir(sort: MatrixSort): SortDir {
  return sort === "failing" ? "desc" : "asc";
}

type ParamSource = URLSearchParams | { get(name: string): string | null };

export function parseMatrixParams(source: ParamSource): MatrixParams {
  const raw: Record<string, string> = {};
  for (const key of ["q", "ou", "status", "control", "failing", "sort", "dir", "cell"]) {
    const value = source.get(key);
    if (value !== null) raw[key] = value;
  }
  const p = schema.parse(raw);
  const cell = p.cell ? CELL_RE.exec(p.cell) : null;
  return {
    q: p.q.trim(),
    ou: p.ou || null,
    status: p.status,
    control: p.control,
    failing: p.failing !== undefined,
    sort: p.sort,
    dir: p.dir ?? defaultDir(p.sort),
    cell: cell ? { accountId: cell[1]!, controlId: cell[2]! } : null,
  };
}

/** The query string for `p`, leaving out defaults so URLs stay short. */
export function serializeMatrixParams(p: MatrixParams): string {
  const out = new URLSearchParams();
  if (p.q) out.set("q", p.q);
  if (p.ou) out.set("ou", p.ou);
  if (p.status.length) out.set("status", p.status.join(","));
  if (p.control.length) out.set("control", p.control.join(","));
  if (p.failing) out.set("failing", "1");
  if (p.sort !== "name") out.set("sort", p.sort);
  if (p.dir !== defaultDir(p.sort)) out.set("dir", p.dir);
  if (p.cell) out.set("cell", `${p.cell.accountId}:${p.cell.controlId}`);
  return out.toString();
}

export function hasFilters(p: MatrixParams): boolean {
  return Boolean(p.q || p.ou || p.status.length || p.control.length || p.failing);
}
