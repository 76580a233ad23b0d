// The end of a job: "logging, validated, alarming" when every family control passes after the
// re-collection, else the controls that still fail and the evaluator's reason for each.
import clsx from "clsx";
import type { RemediationJobView } from "@/lib/remediate/remediation-view";

export function VerificationPanel({ verification }: { verification: NonNullable<RemediationJobView["verification"]> }) {
  const ok = verification.outcome === "logging, validated, alarming" || verification.outcome === "nothing to do";
  return (
    <section
      className={clsx(
        "rounded-md border p-3 text-sm",
        ok ? "border-passed/30 bg-passed/5" : "border-failed/30 bg-failed/5",
      )}
      data-testid="verification"
    >
      <p className={clsx("font-semibold", ok ? "text-passed" : "text-failed")} data-testid="verification-outcome">
        {ok ? "✓ " : "✕ "}
        {verification.outcome === "nothing to do"
          ? "Nothing to do: every control of the family passes"
          : `Verification: ${verification.outcome}`}
      </p>
      {"failing" in verification ? (
        <>
          {verification.failing.length > 0 ? (
            <ul className="mt-2 space-y-1 text-xs text-slate-800">
              {verification.failing.map((f) => (
                <li key={f.controlId}>
                  <span className="font-mono font-medium">{f.controlId}</span> {f.status} — {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {verification.caveats.length > 0 ? (
            <ul className="mt-2 space-y-1 text-xs text-slate-600">
              {verification.caveats.map((c) => (
                <li key={c.controlId}>
                  <span className="font-mono">{c.controlId}</span> {c.status} — {c.reason}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-2 text-xs text-slate-600">
            Re-collected{" "}
            {verification.collectedAt
              ? new Date(verification.collectedAt).toISOString().slice(0, 19).replace("T", " ") + " UTC"
              : "—"}
            {verification.replan ? ` · re-plan: ${verification.replan.summary}` : ""}. {verification.note}.
          </p>
        </>
      ) : null}
    </section>
  );
}
