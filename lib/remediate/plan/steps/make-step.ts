// Builds a PlanStep with its stable key: service, operation, account, region and resource. Two
// steps with the same key are the same call on the same resource.
import type { JsonObject, PlanStep, StepAction, StepChange, StepService } from "@/lib/remediate/plan/plan-types";

export interface StepSpec {
  title: string;
  why: string;
  controls: Iterable<string>;
  service: StepService;
  operation: string;
  region: string;
  targetAccountId: string;
  resource: string;
  action: StepAction;
  changes?: StepChange[];
  params: JsonObject;
}

export function makeStep(spec: StepSpec): PlanStep {
  return {
    key: `${spec.service}.${spec.operation}:${spec.targetAccountId}:${spec.region}:${spec.resource}`,
    title: spec.title,
    why: spec.why,
    controls: [...new Set(spec.controls)].sort(compareControlIds),
    service: spec.service,
    operation: spec.operation,
    region: spec.region,
    targetAccountId: spec.targetAccountId,
    resource: spec.resource,
    action: spec.action,
    changes: spec.changes ?? [],
    params: spec.params,
  };
}

/** CloudTrail.2 before CloudTrail.10, CloudTrail before CloudWatch. */
export function compareControlIds(a: string, b: string): number {
  const [fa = "", na = "0"] = a.split(".");
  const [fb = "", nb = "0"] = b.split(".");
  return fa === fb ? Number(na) - Number(nb) : fa.localeCompare(fb);
}

/** Collects steps in order; a repeated key keeps the first and unions the controls. */
export class StepList {
  readonly steps: PlanStep[] = [];
  private readonly byKey = new Map<string, PlanStep>();

  add(step: PlanStep): void {
    const known = this.byKey.get(step.key);
    if (known) {
      known.controls = [...new Set([...known.controls, ...step.controls])].sort(compareControlIds);
      return;
    }
    this.byKey.set(step.key, step);
    this.steps.push(step);
  }
}
