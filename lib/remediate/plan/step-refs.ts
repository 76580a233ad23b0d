// A step's input may need a value only known once an earlier step ran (the ARN of a KMS key the
// plan creates). Such a value is written as `{ "$ref": "<step key>", "path": "KeyMetadata.Arn" }`
// and resolved at apply time from the stored output of that step of the same job.
import type { JsonObject, JsonValue } from "@/lib/remediate/plan/plan-types";

export interface StepRef extends JsonObject {
  $ref: string;
  path: string;
}

export function stepRef(stepKey: string, path: string): StepRef {
  return { $ref: stepKey, path };
}

export function isStepRef(value: JsonValue | undefined): value is StepRef {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    typeof value.$ref === "string" &&
    typeof value.path === "string"
  );
}

export class UnresolvedRefError extends Error {
  override name = "UnresolvedRefError";
}

function pick(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** Replaces every reference in `params` with the value from `outputs` (keyed by step key). */
export function resolveRefs(params: JsonObject, outputs: Map<string, JsonValue>): JsonObject {
  const walk = (value: JsonValue): JsonValue => {
    if (isStepRef(value)) {
      const resolved = pick(outputs.get(value.$ref), value.path);
      if (resolved === undefined || resolved === null) {
        throw new UnresolvedRefError(
          `the value ${value.path} of step ${value.$ref} is not available (that step has not succeeded)`,
        );
      }
      return resolved;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(params) as JsonObject;
}

/** The step keys `params` refers to (for ordering checks). */
export function referencedSteps(params: JsonValue): string[] {
  if (isStepRef(params)) return [params.$ref];
  if (Array.isArray(params)) return params.flatMap(referencedSteps);
  if (params !== null && typeof params === "object") return Object.values(params).flatMap(referencedSteps);
  return [];
}
