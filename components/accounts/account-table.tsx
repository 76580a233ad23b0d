// The account list: plain links (works without JavaScript), sortable by column headers, paged.
import clsx from "clsx";
import Link from "next/link";
import { PAGE_SIZE, type AccountList, type AccountListParams } from "@/lib/read-models/list-accounts";
import { TimeAgo } from "@/components/ui/time-ago";

type Sort = AccountListParams["sort"];

function query(p: AccountListParams, patch: Partial<AccountListParams>): string {
  const next = { ...p, ...patch };
  const qs = new URLSearchParams();
  if (next.q) qs.set("q", next.q);
  if (next.ou) qs.set("ou", next.ou);
  if (next.sort !== "name") qs.set("sort", next.sort);
  if (next.dir) qs.set("dir", next.dir);
  if (next.page > 1) qs.set("page", String(next.page));
  const s = qs.toString();
  return s ? `/accounts?${s}` : "/accounts";
}

function SortHeader({
  label,
  sort,
  p,
  className,
}: {
  label: string;
  sort: Sort;
  p: AccountListParams;
  className?: string;
}) {
  const active = p.sort === sort;
  const defaultDir = sort === "failing" || sort === "collected" ? "desc" : "asc";
  const dir = p.dir ?? defaultDir;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
      className={clsx("px-3 py-2 font-medium", className)}
    >
      <Link
        href={query(p, { sort, dir: nextDir === defaultDir ? undefined : nextDir, page: 1 })}
        className="inline-flex items-center gap-1 hover:text-slate-900"
        scroll={false}
      >
        {label}
        {active ? <span aria-hidden>{dir === "asc" ? "↑" : "↓"}</span> : null}
      </Link>
    </th>
  );
}

const COLLECTION: Record<string, string> = { ok: "text-passed", partial: "text-warning", error: "text-failed" };

export function AccountTable({ list, params }: { list: AccountList; params: AccountListParams }) {
  if (list.rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
        No account matches.
      </p>
    );
  }
  const from = (list.page - 1) * PAGE_SIZE + 1;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="accounts-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <SortHeader label="Account" sort="name" p={params} />
            <SortHeader label="Account id" sort="id" p={params} />
            <SortHeader label="Organizational unit" sort="ou" p={params} />
            <SortHeader label="Failing controls" sort="failing" p={params} className="text-right" />
            <SortHeader label="Last collection" sort="collected" p={params} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.map((a) => (
            <tr key={a.id} className="hover:bg-slate-50">
              <td className="px-3 py-2">
                <Link
                  href={`/accounts/${a.id}`}
                  className="font-medium text-slate-900 hover:text-sky-800 hover:underline"
                >
                  {a.name}
                </Link>
                {a.isManagement ? (
                  <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-[11px] font-medium text-sky-900">
                    management
                  </span>
                ) : null}
                {a.status !== "ACTIVE" ? (
                  <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-[11px] font-medium text-slate-700">
                    {a.status.toLowerCase()}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs text-slate-700">{a.id}</td>
              <td className="px-3 py-2 text-slate-700">{a.ouPath || "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {!a.evaluated ? (
                  <span className="text-slate-400">not evaluated</span>
                ) : (
                  <>
                    <span className={a.failing ? "font-semibold text-failed" : "text-passed"}>{a.failing}</span>
                    {a.errors ? (
                      <span className="ml-2 text-xs text-errored">
                        {a.errors} error{a.errors === 1 ? "" : "s"}
                      </span>
                    ) : null}
                  </>
                )}
              </td>
              <td className="px-3 py-2">
                {a.collectedAt ? (
                  <span className="flex items-center gap-2">
                    <span className={clsx("text-xs font-semibold", COLLECTION[a.collection ?? ""] ?? "text-slate-500")}>
                      {a.collection}
                    </span>
                    <TimeAgo at={a.collectedAt} className="text-slate-600" />
                  </span>
                ) : (
                  <span className="text-slate-400">never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav
        aria-label="Pages"
        className="flex items-center justify-between border-t border-slate-200 px-3 py-2 text-sm text-slate-600"
      >
        <span>
          {from.toLocaleString("en-US")}–{(from + list.rows.length - 1).toLocaleString("en-US")} of{" "}
          {list.matching.toLocaleString("en-US")}
        </span>
        <span className="flex gap-2">
          {list.page > 1 ? (
            <Link
              href={query(params, { page: list.page - 1 })}
              className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
            >
              ← Previous
            </Link>
          ) : null}
          <span className="px-1 py-1">
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages ? (
            <Link
              href={query(params, { page: list.page + 1 })}
              className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
            >
              Next →
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}
