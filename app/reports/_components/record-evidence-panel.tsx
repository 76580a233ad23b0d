import { CAUSE_LABELS } from "@/lib/coverage/coverage-types";
import { formatDuration, formatInstant } from "@/lib/coverage/format-coverage";
import type { CoverageReport } from "@/lib/coverage/report-types";
import { ISSUE_LABELS } from "@/lib/evidence/evidence-types";

const BOUND_WORDS: Record<string, string> = {
  digests: "AWS signed digests",
  "log-files": "log file delivery",
  aws: "CloudTrail status times",
  snapshots: "our collections",
};

/** What CloudTrail's own record proves for the period: evidence per region, gaps it dates, integrity failures. */
export function RecordEvidencePanel({ report }: { report: CoverageReport }) {
  const r = report.summary.record;
  const dated = report.accounts.flatMap((a) =>
    a.regions.flatMap((region) =>
      region.gaps
        .filter((g) => g.boundedBy === "digests" || g.boundedBy === "log-files")
        .map((g) => ({ account: a, region: region.region, gap: g })),
    ),
  );
  const failures = report.accounts.flatMap((a) =>
    a.regions.flatMap((region) => [
      ...region.integrity.invalid.map((x) => ({ a, region: region.region, what: ISSUE_LABELS[x.reason], key: x.key })),
      ...region.integrity.logFilesMissing.map((key) => ({ a, region: region.region, what: "Log file missing", key })),
      ...region.integrity.logFilesModified.map((key) => ({ a, region: region.region, what: "Log file modified", key })),
    ]),
  );
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="record-evidence">
      <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">Evidence from AWS&apos;s own record</h2>
      <div className="space-y-3 p-4 text-sm text-slate-700">
        <p>
          {r.regionsByEvidence.digests} account-regions proved by CloudTrail&apos;s signed digests,{" "}
          {r.regionsByEvidence["log-files"]} by delivered log files (unsigned), {r.regionsByEvidence.snapshots} by
          Trailwarden&apos;s collections only.{" "}
          {r.integrityFailures > 0 ? (
            <strong className="text-red-700">{r.integrityFailures} integrity failures.</strong>
          ) : (
            "No integrity failure."
          )}
        </p>
        {r.signaturesUnverifiable && (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
            Digest signatures could not be verified: the AWS endpoint does not implement CloudTrail ListPublicKeys.
            Those digests count as delivered, never as proved.
          </p>
        )}
        {r.assumptions.map((text) => (
          <p key={text} className="text-slate-600">
            Assumption: {text}
          </p>
        ))}
        {failures.length > 0 && (
          <table className="w-full text-xs" aria-label="Integrity failures">
            <thead className="text-left uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Account</th>
                <th className="py-1 pr-3">Region</th>
                <th className="py-1 pr-3">Finding</th>
                <th className="py-1">S3 key</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr key={`${f.key}${f.what}`} className="border-t border-slate-100 align-top text-red-800">
                  <td className="py-1 pr-3">{f.a.name}</td>
                  <td className="py-1 pr-3">{f.region}</td>
                  <td className="py-1 pr-3">{f.what}</td>
                  <td className="break-all py-1 font-mono">{f.key}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {dated.length > 0 && (
          <table className="w-full text-xs" aria-label="Gaps dated by the record">
            <thead className="text-left uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Account</th>
                <th className="py-1 pr-3">Region</th>
                <th className="py-1 pr-3">From (UTC)</th>
                <th className="py-1 pr-3">To (UTC)</th>
                <th className="py-1 pr-3">Duration</th>
                <th className="py-1 pr-3">Cause</th>
                <th className="py-1">Dated by</th>
              </tr>
            </thead>
            <tbody>
              {dated.slice(0, 50).map(({ account, region, gap }) => (
                <tr key={`${account.accountId}${region}${gap.start}`} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{account.name}</td>
                  <td className="py-1 pr-3">{region}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatInstant(gap.start)}</td>
                  <td className="py-1 pr-3 tabular-nums">{formatInstant(gap.end)}</td>
                  <td className="py-1 pr-3">{formatDuration(gap.durationSeconds)}</td>
                  <td className="py-1 pr-3">{CAUSE_LABELS[gap.cause]}</td>
                  <td className="py-1">{BOUND_WORDS[gap.boundedBy]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
