import { buildCoverageReport } from "@/lib/coverage/build-report";
import { formatDuration } from "@/lib/coverage/format-coverage";
import { GapActorsPanel } from "@/app/reports/_components/gap-actors-panel";
import { RecordEvidencePanel } from "@/app/reports/_components/record-evidence-panel";

function Pct({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone}`}>{value.toFixed(2)}%</div>
    </div>
  );
}

/** The organization summary and the least-recorded accounts for the period. */
export async function CoverageSummaryPanel({ from, to }: { from: string; to: string }) {
  const report = await buildCoverageReport({ from, to });
  const s = report.summary;
  if (report.accounts.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        No account has coverage evidence in this period. Evidence starts with Trailwarden&apos;s first collection of an
        account, and the default period ends yesterday: if the first collection was today, choose a period that includes
        today.
      </p>
    );
  }
  const worst = [...report.accounts].sort((a, b) => a.recordedPct - b.recordedPct).slice(0, 10);
  return (
    <div className="space-y-4" data-testid="coverage-summary">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Pct label="Recorded" value={s.recordedPct} tone="text-green-700" />
        <Pct label="Partial" value={s.partialPct} tone="text-amber-700" />
        <Pct label="Not recorded" value={s.notRecordedPct} tone="text-red-700" />
        <Pct label="Unknown (no evidence)" value={s.unknownPct} tone="text-slate-600" />
      </div>
      <p className="text-sm text-slate-600">
        {s.accounts} accounts, {s.accountRegions} account-regions; {s.accountsFullyRecorded} fully recorded,{" "}
        {s.accountsWithGaps} with gaps, {s.gapCount} gaps in all.
        {s.longestGap &&
          ` Longest gap: ${formatDuration(s.longestGap.durationSeconds)} in ${s.longestGap.accountId} ${s.longestGap.region} (${s.longestGap.cause}).`}
      </p>
      <GapActorsPanel report={report} />
      <RecordEvidencePanel report={report} />
      <section className="rounded-lg border border-slate-200 bg-white">
        <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">Least recorded accounts</h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Account</th>
              <th className="px-4 py-2">Recorded</th>
              <th className="px-4 py-2">Regions with gaps</th>
            </tr>
          </thead>
          <tbody>
            {worst.map((a) => (
              <tr key={a.accountId} className="border-t border-slate-100">
                <td className="px-4 py-2">
                  <span className="font-medium">{a.name}</span>{" "}
                  <span className="font-mono text-xs text-slate-500">{a.accountId}</span>
                </td>
                <td className="px-4 py-2 tabular-nums">{a.recordedPct.toFixed(2)}%</td>
                <td className="px-4 py-2">{a.regions.filter((r) => r.gaps.length > 0).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-semibold">Method</summary>
        <p className="mt-2 whitespace-pre-line text-slate-700">{report.method}</p>
      </details>
    </div>
  );
}
