// /alerts — viewer: firing alerts, then past ones, with who made the change (from CloudTrail event
// history) and where each message was delivered. ?status=firing|resolved|all&account=<id>.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guards";
import { alertFilters, listAlerts } from "@/lib/alerts/list-alerts";
import { AlertCard } from "./_components/alert-card";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePageRole("viewer");
  const parsed = alertFilters.safeParse(await searchParams);
  const filters = parsed.success ? parsed.data : alertFilters.parse({});
  const alerts = await listAlerts(filters);
  const firing = alerts.filter((a) => a.status === "firing");
  const past = alerts.filter((a) => a.status === "resolved");
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Alerts</h1>
          <p className="text-sm text-slate-600">
            Raised between collections by the watch and after every collection. Rules and destinations are under{" "}
            <Link href="/settings/alerts" className="text-sky-700 underline">
              Settings → Alerts
            </Link>
            .
          </p>
        </div>
      </div>
      <section aria-labelledby="firing-heading" className="space-y-2">
        <h2 id="firing-heading" className="font-medium">
          Firing ({firing.length})
        </h2>
        {firing.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500">Nothing is firing.</p>
        ) : (
          <ul className="space-y-2" data-testid="firing-alerts">
            {firing.map((a) => (
              <AlertCard key={a.id} alert={a} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-heading" className="space-y-2">
        <h2 id="past-heading" className="font-medium">
          Resolved ({past.length})
        </h2>
        {past.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500">No past alerts.</p>
        ) : (
          <ul className="space-y-2" data-testid="past-alerts">
            {past.map((a) => (
              <AlertCard key={a.id} alert={a} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
