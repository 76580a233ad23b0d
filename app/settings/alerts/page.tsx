// /settings/alerts — admin: alert rules (on/off, threshold) and destinations (create, send test,
// enable/disable, delete). Secrets are write-only: a saved secret is never shown again.
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { listDestinations, listRules } from "@/lib/alerts/list-destinations";
import { DestinationActions } from "./_components/destination-actions";
import { DestinationForm } from "./_components/destination-form";
import { RuleRow } from "./_components/rule-row";

export const metadata: Metadata = { title: "Alert settings" };
export const dynamic = "force-dynamic";

export default async function AlertSettingsPage() {
  await requirePageRole("admin");
  const [destinations, rules] = await Promise.all([listDestinations(), listRules()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Alert settings</h1>
        <p className="text-sm text-slate-600">
          Every rule sends to every enabled destination. Each change here is written to the audit log (without secrets).
        </p>
      </div>
      <section aria-labelledby="rules-heading" className="space-y-2">
        <h2 id="rules-heading" className="font-medium">
          Rules
        </h2>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rules.map((r) => (
            <RuleRow key={r.id} rule={r} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="destinations-heading" className="space-y-2">
        <h2 id="destinations-heading" className="font-medium">
          Destinations
        </h2>
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="destinations"
        >
          {destinations.length === 0 && (
            <li className="p-4 text-sm text-slate-500">
              No destination yet: alerts are only shown on the Alerts page.
            </li>
          )}
          {destinations.map((d) => (
            <li
              key={d.id}
              className="flex flex-wrap items-center gap-3 p-3 text-sm"
              data-testid={`destination-${d.name}`}
            >
              <span className="font-medium">{d.name}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-600">{d.type}</span>
              <span className="break-all text-slate-600">{d.description}</span>
              {!d.enabled && <span className="text-xs text-amber-700">disabled</span>}
              {d.lastTest && (
                <span
                  className={`text-xs ${d.lastTest.status === "delivered" ? "text-green-700" : d.lastTest.status === "failed" ? "text-red-700" : "text-slate-500"}`}
                  data-testid="last-test"
                >
                  last test: {d.lastTest.status}
                  {d.lastTest.error ? ` (${d.lastTest.error})` : ""}
                </span>
              )}
              <DestinationActions id={d.id} name={d.name} enabled={d.enabled} fromEnvironment={d.fromEnvironment} />
            </li>
          ))}
        </ul>
      </section>
      <DestinationForm />
    </div>
  );
}
