// The end of a job: "logging, validated, alarming" when every family control passes after the
// re-collection; "needs attention" when every step succeeded and what remains is a person's action
// (each spelled out); else the controls that still fail and the evaluator's reason for each.
import clsx from "clsx";
import type { RemediationJobView } from "@/lib/views/remediation-view";

type Tone = "ok" | "attention" | "failed";

const TONE: Record<Tone, { box: string; text: string; glyph: string }> = {
  ok: { box: "border-passed/30 bg-passed/5", text: "text-passed", glyph: "✓ " },
  attention: { box: "border-warning/40 bg-warning/5", text: "text-warning", glyph: "! " },
  failed: { box: "border-failed/30 bg-failed/5", text: "text-failed", glyph: "✕ " },
};

function toneOf(outcome: string): Tone {
  if (outcome === "logging, validated, alarming" || outcome === "nothing to do") return "ok";
  if (outcome === "needs attention" || outcome === "not verified") return "attention";
  return "failed";
}

export function VerificationPanel({ verification }: { verification: NonNullable<RemediationJobView["verification"]> }) {
  const tone = TONE[toneOf(verification.outcome)];
  return (
    <section className={clsx("rounded-md border p-3 text-sm", tone.box)} data-testid="verification">
      <p className={clsx("font-semibold", tone.text)} data-testid="verification-outcome">
        {tone.glyph}
        {verification.outcome === "nothing to do"
          ? "Nothing to do: every control of the family passes"
          : verification.outcome === "needs attention"
            ? "Applied — needs attention: every step succeeded, a person has an action left"
            : `Verification: ${verification.outcome}`}
      </p>
      {"failing" in verification ? (
        <>
          {verification.actions && verification.actions.length > 0 ? (
            <div className="mt-2" data-testid="person-actions">
              <p className="text-xs font-medium text-slate-800">Left to a person:</p>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-xs text-slate-800">
                {verification.actions.map((a) => (
                  <li key={a.action}>
                    {a.action}
                    {a.controls.length > 0 ? <span className="text-slate-500"> ({a.controls.join(", ")})</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {verification.failing.length > 0 ? (
            <ul className="mt-2 space-y-1 text-xs text-slate-800">
              {verification.failing.map((f, i) => (
                <li key={`${f.controlId}-${i}`}>
                  <span className="font-mono font-medium">{f.controlId}</span> {f.status} — {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {verification.caveats.length > 0 ? (
            <ul className="mt-2 space-y-1 text-xs text-slate-600">
              {verification.caveats.map((c, i) => (
                <li key={`${c.controlId}-${i}`}>
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
