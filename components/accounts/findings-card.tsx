// Security Hub's own findings for the account's CloudTrail and CloudWatch controls.
import clsx from "clsx";
import { getAccountFindings } from "@/lib/read-models/get-account-findings";
import { Card } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";

const COMPLIANCE: Record<string, string> = {
  PASSED: "text-passed",
  FAILED: "text-failed",
  WARNING: "text-warning",
  NOT_AVAILABLE: "text-slate-600",
};

export async function FindingsCard({ accountId }: { accountId: string }) {
  const findings = await getAccountFindings(accountId);
  return (
    <Card
      title={`Security Hub findings (${findings.length})`}
      description="Kept by Trailwarden beyond Security Hub's 90 days; archived findings last."
      testId="findings"
    >
      {findings.length === 0 ? (
        <p className="text-sm text-slate-500">No Security Hub findings collected for this account.</p>
      ) : (
        <div className="-mx-4 -my-4 max-h-[32rem] overflow-auto">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Control
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Compliance
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Workflow
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Region
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Resource and reason
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {findings.map((f) => (
                <tr key={f.id} className={clsx("align-top", f.recordState !== "ACTIVE" && "text-slate-500")}>
                  <td className="px-4 py-2 font-medium">{f.controlId}</td>
                  <td
                    className={clsx("px-2 py-2 font-medium", COMPLIANCE[f.complianceStatus ?? ""] ?? "text-slate-600")}
                  >
                    {f.complianceStatus ?? "—"}
                    {f.recordState !== "ACTIVE" ? (
                      <span className="ml-1 text-xs font-normal text-slate-500">({f.recordState.toLowerCase()})</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">{f.workflowStatus ?? "—"}</td>
                  <td className="whitespace-nowrap px-2 py-2">{f.region}</td>
                  <td className="max-w-md px-2 py-2">
                    <span className="break-all font-mono text-[11px]">{f.resourceIds.join(", ")}</span>
                    {f.reasons.length ? <p className="mt-0.5 text-xs text-slate-600">{f.reasons.join("; ")}</p> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-xs">
                    <TimeAgo at={f.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
