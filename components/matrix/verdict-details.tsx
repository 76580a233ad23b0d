// The body of an opened verdict: reason, stale last good verdict, evidence ARNs, Security Hub's
// finding and the reconciliation in words. Presentational only (no hooks), used by the dialog.
import clsx from "clsx";
import Link from "next/link";
import type { VerdictDetail } from "@/lib/read-models/get-verdict";
import { reconciliationTone } from "@/lib/read-models/reconciliation-words";
import { StatusBadge } from "@/components/status/status-badge";
import { formatAgo, formatUtc } from "@/components/ui/format-time";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="border-t border-slate-100 py-3">
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)} suppressHydrationWarning>
      {formatAgo(iso)} <span className="text-slate-500">({formatUtc(iso)})</span>
    </time>
  );
}

const TONE = {
  good: "border-passed/30 bg-passed/5 text-passed",
  wait: "border-sky-300 bg-sky-50 text-sky-900",
  bad: "border-warning/40 bg-warning/5 text-warning",
  none: "border-slate-200 bg-slate-50 text-slate-700",
};

export function VerdictDetails({ verdict }: { verdict: VerdictDetail }) {
  const sh = verdict.securityHub;
  return (
    <div className="text-sm">
      <div className="flex flex-wrap items-center gap-2 pb-3">
        <StatusBadge status={verdict.status} stale={verdict.stale?.status} />
        <span className="text-xs text-slate-500">severity {verdict.control.severity.toLowerCase()}</span>
      </div>
      <Section title="Reason">
        <p className="text-slate-900" data-testid="verdict-reason">
          {verdict.reason ?? "This control has not been evaluated for this account yet."}
        </p>
        {verdict.stale ? (
          <div className="mt-2 rounded-md border border-dashed border-errored/40 bg-errored/5 p-2 text-slate-700">
            <p className="font-medium text-errored">
              Last good verdict (stale): {verdict.stale.status.replace("_", " ").toLowerCase()}
            </p>
            {verdict.stale.reason ? <p className="mt-0.5">{verdict.stale.reason}</p> : null}
            {verdict.stale.at ? (
              <p className="mt-0.5 text-xs text-slate-500">
                From the collection of <When iso={verdict.stale.at} />
              </p>
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title={`Evidence (${verdict.evidence.length})`}>
        {verdict.evidence.length ? (
          <ul className="space-y-1" data-testid="verdict-evidence">
            {verdict.evidence.map((arn) => (
              <li key={arn} className="break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800">
                {arn}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">No resource evidence (nothing to point at, e.g. no trail exists).</p>
        )}
      </Section>
      <Section title="Security Hub">
        <p
          className={clsx(
            "rounded-md border px-2 py-1.5 font-medium",
            TONE[reconciliationTone(verdict.reconciliation)],
          )}
          data-testid="verdict-reconciliation"
        >
          {verdict.reconciliationText}
        </p>
        {sh ? (
          <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-slate-700">
            <dt className="text-slate-500">Compliance</dt>
            <dd className="font-medium">{sh.status ?? "—"}</dd>
            <dt className="text-slate-500">Workflow</dt>
            <dd>{sh.workflowStatus ?? "—"}</dd>
            <dt className="text-slate-500">Updated</dt>
            <dd>
              <When iso={sh.updatedAt} />
            </dd>
            {sh.findingId ? (
              <>
                <dt className="text-slate-500">Finding</dt>
                <dd className="break-all font-mono text-xs">{sh.findingId}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="mt-2 text-slate-500">No Security Hub finding is attached to this verdict.</p>
        )}
        {verdict.findings.length > 1 ? (
          <p className="mt-1 text-xs text-slate-500">
            {verdict.findings.length} findings for this control and account (per Region or trail) on the account page.
          </p>
        ) : null}
      </Section>
      <Section title="What the control checks">
        <p className="text-slate-700">{verdict.control.checks}</p>
        <p className="mt-1.5 text-slate-700">
          <span className="font-medium text-slate-900">To fix: </span>
          {verdict.control.remediation}
        </p>
      </Section>
      <Section title="Collection">
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-slate-700">
          <dt className="text-slate-500">Collected</dt>
          <dd>
            <When iso={verdict.collectedAt} />
          </dd>
          {verdict.latestCollection && verdict.latestCollection.at !== verdict.collectedAt ? (
            <>
              <dt className="text-slate-500">Newest attempt</dt>
              <dd>
                {verdict.latestCollection.status} · <When iso={verdict.latestCollection.at} />
                {verdict.latestCollection.error ? (
                  <span className="block text-xs text-errored">{verdict.latestCollection.error}</span>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">Evaluator</dt>
          <dd className="font-mono text-xs">{verdict.evaluatorVersion ?? "—"}</dd>
        </dl>
      </Section>
      <div className="border-t border-slate-100 pt-3">
        <Link href={`/accounts/${verdict.account.id}`} className="font-medium text-sky-800 hover:underline">
          Open {verdict.account.name} →
        </Link>
      </div>
    </div>
  );
}
