// What AWS answered in the newest collection, call by call: the evidence behind every verdict.
// Collapsed by default; secrets are redacted even though the collector already drops them.
import { getAccountSnapshot } from "@/lib/read-models/get-account-snapshot";
import { readable } from "@/lib/read-models/readable";
import { UnreadableCard } from "@/components/accounts/unreadable-card";
import { redactSecrets } from "@/lib/read-models/redact-secrets";
import { JsonView } from "@/components/accounts/json-view";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format-time";

function describeKey(key: string): { call: string; where: string } {
  // Keys are "service Operation [account] [region] [resource]" (lib/collect/call-recorder.ts);
  // "shared " marks a read made once for many accounts (the organization trail, a central bucket).
  const shared = key.startsWith("shared ");
  const [service, operation, ...rest] = (shared ? key.slice(7) : key).split(" ");
  return { call: `${service ?? ""}:${operation ?? ""}`, where: `${rest.join(" ")}${shared ? " (shared read)" : ""}` };
}

export async function RawResponsesCard({ accountId }: { accountId: string }) {
  const read = await readable(getAccountSnapshot(accountId));
  if (!read.ok) return <UnreadableCard title="Raw API responses" testId="raw-responses" error={read.error} />;
  const snap = read.value;
  const entries = snap ? Object.entries(snap.raw).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <Card
      title={`Raw API responses (${entries.length})`}
      description={
        snap ? `As collected ${formatUtc(snap.collectedAt)}; credentials and transport metadata removed.` : undefined
      }
      testId="raw-responses"
    >
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">
          No raw responses were kept for this account{snap ? "" : " (no successful collection yet)"}.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {entries.map(([key, value]) => {
            const { call, where } = describeKey(key);
            const size = JSON.stringify(value)?.length ?? 0;
            return (
              <li key={key}>
                <details className="group py-1.5">
                  <summary className="flex cursor-pointer list-none items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <span aria-hidden className="text-slate-400 transition group-open:rotate-90">
                      ▸
                    </span>
                    <code className="font-mono text-xs font-semibold text-slate-900">{call}</code>
                    <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-500" title={where}>
                      {where}
                    </span>
                    <span className="shrink-0 text-xs text-slate-400">
                      {size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`}
                    </span>
                  </summary>
                  <div className="mt-1.5">
                    <JsonView value={redactSecrets(value)} />
                  </div>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
