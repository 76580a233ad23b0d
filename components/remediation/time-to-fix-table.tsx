// Time to fix per control: from the first failing verdict of the streak to the first passing
// verdict after a remediation, and how much of that the remediation itself took.
import type { TimeToFix } from "@/lib/read-models/get-time-to-fix";
import { formatDuration } from "@/components/ui/format-time";

function humanize(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${(hours / 24).toFixed(1)} days`;
  if (hours >= 2) return `${hours.toFixed(1)} h`;
  return formatDuration(ms);
}

export function TimeToFixTable({ rows }: { rows: TimeToFix[] }) {
  if (rows.length === 0)
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        Time to fix appears once a remediation has turned a failing control green.
      </p>
    );
  return (
    <table className="w-full text-left text-sm" data-testid="time-to-fix">
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">
            Control
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Fixes
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Median time to fix
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Slowest
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Median remediation
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {rows.map((r) => (
          <tr key={r.controlId}>
            <th scope="row" className="py-1.5 pr-3 font-mono font-medium text-slate-900">
              {r.controlId}
            </th>
            <td className="py-1.5 pr-3 text-right">{r.fixes}</td>
            <td className="py-1.5 pr-3 text-right">{humanize(r.medianMs)}</td>
            <td className="py-1.5 pr-3 text-right">{humanize(r.maxMs)}</td>
            <td className="py-1.5 pr-3 text-right text-slate-600">{humanize(r.medianRemediationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
