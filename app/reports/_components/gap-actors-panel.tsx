import { describeActor } from "@/lib/coverage/attribute-gaps";
import { CAUSE_LABELS } from "@/lib/coverage/coverage-types";
import { formatDuration } from "@/lib/coverage/format-coverage";
import type { CoverageReport } from "@/lib/coverage/report-types";

const SHOWN = 50;

/** The gaps someone opened (StopLogging, DeleteTrail, ...), newest first, one row per account and change. */
export function GapActorsPanel({ report }: { report: CoverageReport }) {
  const rows = new Map<
    string,
    { accountId: string; name: string; start: string; seconds: number; cause: string; text: string; regions: number }
  >();
  for (const a of report.accounts)
    for (const r of a.regions)
      for (const g of r.gaps) {
        if (!g.actor) continue;
        const key = `${a.accountId}|${g.start}|${g.cause}|${g.actor.eventTime}`;
        const row = rows.get(key);
        if (row) row.regions += 1;
        else
          rows.set(key, {
            accountId: a.accountId,
            name: a.name,
            start: g.start,
            seconds: g.durationSeconds,
            cause: CAUSE_LABELS[g.cause],
            text: describeActor(g.actor),
            regions: 1,
          });
      }
  if (rows.size === 0) return null;
  const list = [...rows.values()].sort((x, y) => y.start.localeCompare(x.start));
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="gap-actors">
      <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">Who opened the gaps</h2>
      <p className="px-4 pt-2 text-xs text-slate-500">
        From CloudTrail event history, read by the watch between collections.
      </p>
      <ul className="divide-y divide-slate-100 text-sm">
        {list.slice(0, SHOWN).map((r) => (
          <li key={`${r.accountId}|${r.start}|${r.text}`} className="px-4 py-2">
            <span className="font-medium">{r.name}</span>{" "}
            <span className="font-mono text-xs text-slate-500">{r.accountId}</span>: {r.cause} for{" "}
            {formatDuration(r.seconds)} ({r.regions} region{r.regions === 1 ? "" : "s"}).{" "}
            <span className="break-all text-slate-700">{r.text}</span>
          </li>
        ))}
      </ul>
      {list.length > SHOWN && (
        <p className="px-4 py-2 text-xs text-slate-500">
          {list.length - SHOWN} more in the CSV and PDF exports (gaps with an actor).
        </p>
      )}
    </section>
  );
}
