// The record CloudTrail delivered for this account: how far each region's signed digest chain is
// verified, the hours no digest covers, and every integrity failure by S3 key.
import { getAccountEvidence } from "@/lib/read-models/get-account-evidence";
import { ISSUE_LABELS } from "@/lib/evidence/evidence-types";
import { Card } from "@/components/ui/card";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");
const trailName = (arn: string) => arn.split("/").pop() ?? arn;

export async function EvidenceCard({ accountId }: { accountId: string }) {
  const e = await getAccountEvidence(accountId);
  return (
    <Card
      title="Evidence"
      description="CloudTrail's own record in the trail buckets: signed hourly digests, validated as aws cloudtrail validate-logs does, or log files where validation is off."
      testId="evidence"
    >
      {e.streams.length === 0 ? (
        <p className="text-sm text-slate-500">
          No delivered record read yet for this account. It is read after each collection (or run{" "}
          <code>npx trailwarden evidence</code>).
        </p>
      ) : (
        <div className="space-y-4 text-sm">
          {e.failures.length > 0 && (
            <div className="rounded border border-red-300 bg-red-50 p-3 text-red-900" role="alert">
              <p className="font-semibold">{e.failures.length} integrity failure(s)</p>
              <ul className="mt-1 space-y-1">
                {e.failures.map((f) => (
                  <li key={`${f.key}${f.reason}`}>
                    {ISSUE_LABELS[f.reason]} ({f.region}): <span className="break-all font-mono text-xs">{f.key}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table className="w-full text-left">
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th className="py-1 pr-2 font-medium">Region</th>
                <th className="py-1 pr-2 font-medium">Trail</th>
                <th className="py-1 pr-2 font-medium">Evidence</th>
                <th className="py-1 pr-2 font-medium">Verified from</th>
                <th className="py-1 pr-2 font-medium">Chain verified up to (UTC)</th>
                <th className="py-1 font-medium">Files</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {e.streams.map((s) => (
                <tr key={`${s.region}${s.trailArn}${s.kind}`}>
                  <td className="py-1 pr-2">{s.region}</td>
                  <td className="py-1 pr-2">{trailName(s.trailArn)}</td>
                  <td className="py-1 pr-2">{s.kind === "digests" ? "signed digests" : "log files (unsigned)"}</td>
                  <td className="py-1 pr-2 tabular-nums">{when(s.provedFrom)}</td>
                  <td className="py-1 pr-2 tabular-nums">{when(s.provedTo)}</td>
                  <td className="py-1 tabular-nums">
                    {s.kind === "digests"
                      ? `${s.valid}/${s.digests} valid${s.unverifiable ? `, ${s.unverifiable} unverifiable` : ""}`
                      : `${s.logFilesListed} log files`}
                    {s.lastError && <span className="block text-red-700">Could not read: {s.lastError}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {e.gaps.length > 0 && (
            <div>
              <p className="font-medium">Hours with no digest (dated by the chain)</p>
              <ul className="mt-1 space-y-0.5 tabular-nums text-slate-700">
                {e.gaps.map((g) => (
                  <li key={`${g.region}${g.start.toISOString()}`}>
                    {g.region}: {when(g.start)} → {when(g.end)} UTC
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
