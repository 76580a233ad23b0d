// Integrity failures in the delivered CloudTrail record: a finding every user sees on the overview.
import Link from "next/link";
import { getIntegrityFailures } from "@/lib/read-models/get-integrity-failures";
import { ISSUE_LABELS } from "@/lib/evidence/evidence-types";
import { Card } from "@/components/ui/card";

export async function IntegrityCard() {
  const { total, rows } = await getIntegrityFailures();
  if (total === -1) return null; // the record has not been read yet
  if (total === 0)
    return (
      <Card title="Log integrity" testId="integrity">
        <p className="text-sm text-slate-600">
          No integrity failure: every digest and log file read so far matches what CloudTrail signed.
        </p>
      </Card>
    );
  return (
    <Card
      title={`Log integrity: ${total} failure${total === 1 ? "" : "s"}`}
      description="Digests or log files in the trail buckets that no longer match what CloudTrail signed and delivered."
      testId="integrity"
    >
      <ul className="space-y-1 text-sm text-red-900" role="alert">
        {rows.map((r) => (
          <li key={`${r.key}${r.reason}`}>
            <Link href={`/accounts/${r.accountId}#evidence`} className="font-medium underline">
              {r.accountName}
            </Link>{" "}
            {r.region}: {ISSUE_LABELS[r.reason]} <span className="break-all font-mono text-xs">{r.key}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
