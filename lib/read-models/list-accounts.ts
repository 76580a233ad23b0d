// The /accounts list: every account with its failing count, filtered, sorted and paged on the
// server (the list is plain links and works without JavaScript).
import { z } from "zod";
import { getLatestStatuses } from "@/lib/read-models/get-latest-statuses";
import type { CollectionStatus } from "@/lib/views/matrix-types";
import { NO_RESULT_CODE } from "@/lib/views/status-codes";

export const ACCOUNT_SORTS = ["name", "id", "ou", "failing", "collected"] as const;
export const PAGE_SIZE = 100;

export const accountListParams = z.object({
  q: z.string().max(100).default("").catch(""),
  ou: z.string().max(300).default("").catch(""),
  sort: z.enum(ACCOUNT_SORTS).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type AccountListParams = z.infer<typeof accountListParams>;

export interface AccountListRow {
  id: string;
  name: string;
  ouPath: string;
  status: string;
  isManagement: boolean;
  failing: number;
  errors: number;
  passing: number;
  evaluated: boolean;
  collection: CollectionStatus | null;
  collectedAt: string | null;
}

export interface AccountList {
  rows: AccountListRow[];
  total: number;
  matching: number;
  page: number;
  pages: number;
  ous: string[];
}

export async function listAccounts(p: AccountListParams): Promise<AccountList> {
  const all = await getLatestStatuses();
  const q = p.q.trim().toLowerCase();
  const rows: AccountListRow[] = [];
  const ous = new Set<string>();
  for (const a of all) {
    if (a.ouPath) ous.add(a.ouPath);
    if (q && !a.name.toLowerCase().includes(q) && !a.id.includes(q)) continue;
    if (p.ou && a.ouPath !== p.ou && !a.ouPath.startsWith(`${p.ou}/`)) continue;
    let failing = 0;
    let errors = 0;
    let passing = 0;
    for (const code of a.cells) {
      if (code === "F") failing++;
      else if (code === "P") passing++;
      else if (code === "E" || (code !== NO_RESULT_CODE && code !== code.toUpperCase())) errors++;
    }
    rows.push({
      id: a.id,
      name: a.name,
      ouPath: a.ouPath,
      status: a.accountStatus,
      isManagement: a.isManagement,
      failing,
      errors,
      passing,
      evaluated: [...a.cells].some((c) => c !== NO_RESULT_CODE),
      collection: a.collection,
      collectedAt: a.collectedAt?.toISOString() ?? null,
    });
  }
  const dir = p.dir ?? (p.sort === "failing" || p.sort === "collected" ? "desc" : "asc");
  const sign = dir === "desc" ? -1 : 1;
  const byName = (a: AccountListRow, b: AccountListRow) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const compare: Record<AccountListParams["sort"], (a: AccountListRow, b: AccountListRow) => number> = {
    name: (a, b) => sign * byName(a, b),
    id: (a, b) => sign * a.id.localeCompare(b.id),
    ou: (a, b) => sign * a.ouPath.localeCompare(b.ouPath) || byName(a, b),
    failing: (a, b) => sign * (a.failing - b.failing || a.errors - b.errors) || byName(a, b),
    collected: (a, b) => sign * (a.collectedAt ?? "").localeCompare(b.collectedAt ?? "") || byName(a, b),
  };
  rows.sort(compare[p.sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(p.page, pages);
  return {
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: all.length,
    matching: rows.length,
    page,
    pages,
    ous: [...ous].sort(),
  };
}
