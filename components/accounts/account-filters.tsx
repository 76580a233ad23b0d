"use client";
// Search and OU filter for the account list. The list is rendered on the server from the URL, so
// changes replace the URL (the search after a short pause) and the server renders the new page.
import clsx from "clsx";
import { Search } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { AccountListParams } from "@/lib/read-models/list-accounts";

function href(pathname: string, p: Partial<AccountListParams>): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set("q", p.q);
  if (p.ou) qs.set("ou", p.ou);
  if (p.sort && p.sort !== "name") qs.set("sort", p.sort);
  if (p.dir) qs.set("dir", p.dir);
  const s = qs.toString();
  return s ? `${pathname}?${s}` : pathname;
}

export function AccountFilters({
  params,
  ous,
  matching,
  total,
}: {
  params: AccountListParams;
  ous: string[];
  matching: number;
  total: number;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(params.q);
  const go = (patch: Partial<AccountListParams>) =>
    startTransition(() => router.replace(href(pathname, { ...params, page: 1, ...patch }), { scroll: false }));
  useEffect(() => {
    if (text.trim() === params.q) return;
    const t = setTimeout(
      () => startTransition(() => router.replace(href(pathname, { ...params, q: text.trim() }), { scroll: false })),
      250,
    );
    return () => clearTimeout(t);
  }, [text, params, pathname, router]);
  const input = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm";
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label="Filter accounts">
      <div className="w-72">
        <label htmlFor="accounts-search" className="mb-1 block text-xs font-medium text-slate-600">
          Search accounts
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute left-2 top-2.5 h-4 w-4 text-slate-400" />
          <input
            id="accounts-search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Name or account id"
            className={clsx(input, "w-full pl-8")}
            autoComplete="off"
          />
        </div>
      </div>
      <div>
        <label htmlFor="accounts-ou" className="mb-1 block text-xs font-medium text-slate-600">
          Organizational unit
        </label>
        <select
          id="accounts-ou"
          value={params.ou}
          onChange={(e) => go({ ou: e.target.value })}
          className={clsx(input, "w-56")}
        >
          <option value="">All OUs</option>
          {ous.map((ou) => (
            <option key={ou} value={ou}>
              {ou}
            </option>
          ))}
        </select>
      </div>
      <p
        className={clsx("ml-auto text-sm text-slate-600", pending && "opacity-60")}
        aria-live="polite"
        data-testid="accounts-count"
      >
        {matching.toLocaleString("en-US")} of {total.toLocaleString("en-US")} accounts
      </p>
    </div>
  );
}
