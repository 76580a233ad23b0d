// A remediation plan as a readable diff: what fails now, the strategy, blockers and notes, then each
// step with the resource it touches, each attribute's current → desired value, why, and the exact
// AWS call (service, operation, account, region, input) behind a disclosure. Presentational only,
// so the review dialog, the progress view and the job page all show a step the same way.
import clsx from "clsx";
import type { ReactNode } from "react";
import { formatValue } from "@/lib/remediate/plan/render-plan-text";
import type { PlanStep } from "@/lib/remediate/plan/plan-types";
import type { RemediationJobView } from "@/lib/views/remediation-view";
import { OrganizationPlanSummary } from "@/components/remediation/organization-plan-summary";

const ACTION: Record<PlanStep["action"], { mark: string; label: string; className: string }> = {
  create: { mark: "+", label: "create if missing", className: "bg-passed/10 text-passed" },
  update: { mark: "~", label: "update", className: "bg-sky-100 text-sky-900" },
  merge: { mark: "±", label: "merge (keeps what is there)", className: "bg-amber-100 text-amber-900" },
};

export function StepDiff({
  step,
  index,
  status,
}: {
  step: Omit<PlanStep, "key"> & { key?: string };
  index: number;
  status?: ReactNode;
}) {
  const action = ACTION[step.action];
  return (
    <li className="rounded-md border border-slate-200 bg-white" data-testid="plan-step" data-operation={step.operation}>
      <div className="flex flex-wrap items-start gap-2 px-3 py-2">
        <span className="w-6 shrink-0 pt-0.5 text-right text-xs tabular-nums text-slate-500">{index + 1}.</span>
        <span
          className={clsx("shrink-0 rounded px-1.5 py-0.5 font-mono text-xs font-semibold", action.className)}
          title={action.label}
        >
          {action.mark}
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900">{step.title}</p>
          <p className="mt-0.5 text-xs text-slate-600">
            <span className="font-mono">
              {step.service}:{step.operation}
            </span>{" "}
            in <span className="font-mono">{step.targetAccountId}</span> / {step.region}
            {step.controls.length > 0 ? <> · {step.controls.join(", ")}</> : null}
          </p>
          <p className="mt-1 text-xs text-slate-600">{step.why}</p>
        </div>
        {status ? <div className="shrink-0">{status}</div> : null}
      </div>
      {step.changes.length > 0 ? (
        <table className="mx-3 mb-2 w-[calc(100%-1.5rem)] table-fixed text-xs">
          <caption className="sr-only">Changes of step {index + 1}</caption>
          <tbody>
            {step.changes.map((c) => (
              <tr key={c.attribute} className="align-top">
                <th scope="row" className="w-1/4 py-0.5 pr-2 text-left font-medium text-slate-600">
                  {c.attribute}
                </th>
                <td className="w-1/4 break-words py-0.5 pr-2 font-mono text-slate-500 line-through decoration-slate-300">
                  {formatValue(c.from)}
                </td>
                <td className="break-words py-0.5 font-mono text-slate-900">→ {formatValue(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details className="border-t border-slate-100 px-3 py-1.5 text-xs">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">The exact call</summary>
        <p className="mt-1 break-all font-mono text-slate-600">{step.resource}</p>
        <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
          {JSON.stringify(step.params, null, 2)}
        </pre>
      </details>
    </li>
  );
}

export function PlanSummary({ plan }: { plan: RemediationJobView["plan"] }) {
  const failing = plan.failingBefore.filter((f) => f.status === "FAILED" || f.status === "ERROR");
  return (
    <div className="space-y-3 text-sm">
      <p className="font-medium text-slate-900" data-testid="plan-summary">
        {plan.summary}
      </p>
      {plan.strategy.kind !== "none" ? <p className="text-slate-700">{plan.strategy.summary}.</p> : null}
      {plan.organization ? <OrganizationPlanSummary info={plan.organization} /> : null}
      {plan.blockers.length > 0 ? (
        <div
          role="alert"
          className="rounded-md border border-failed/30 bg-failed/5 p-3 text-failed"
          data-testid="plan-blockers"
        >
          <p className="font-semibold">This plan cannot be applied:</p>
          <ul className="mt-1 list-disc pl-5">
            {plan.blockers.map((b) => (
              <li key={b.message}>{b.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failing.length > 0 ? (
        <details className="rounded-md border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer text-slate-700">
            {failing.length} control{failing.length > 1 ? "s" : ""} not passing now
          </summary>
          <ul className="mt-2 space-y-1 text-xs">
            {failing.map((f) => (
              <li key={`${f.controlId} ${f.reason}`}>
                <span className="font-mono font-medium">{f.controlId}</span>{" "}
                <span className="text-slate-500">{f.status}</span> — {f.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {plan.notes.length > 0 ? (
        <ul
          className="space-y-1 rounded-md border border-amber-200 bg-amber-50 p-3 text-xs text-amber-950"
          aria-label="Notes"
        >
          {plan.notes.map((n) => (
            <li key={n.message}>• {n.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function PlanDiff({ plan, steps }: { plan: RemediationJobView["plan"]; steps: RemediationJobView["steps"] }) {
  return (
    <div className="space-y-4" data-testid="plan-diff">
      <PlanSummary plan={plan} />
      {steps.length > 0 ? (
        <ol className="space-y-2" aria-label="Steps">
          {steps.map((s) => (
            <StepDiff key={s.key} step={s} index={s.index} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}
