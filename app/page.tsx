import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const accounts = await db.awsAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, ouPath: true, status: true } });
  return (
    <div>
      <h1 className="text-xl font-semibold">Overview</h1>
      <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="account-list">
        {accounts.map((a) => (
          <li key={a.id} className="flex gap-4 px-3 py-2 text-sm">
            <span className="font-mono">{a.id}</span>
            <span>{a.name}</span>
            <span className="text-slate-500">{a.ouPath}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
