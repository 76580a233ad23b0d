// The control catalogue the UI, reports and API read: every control Trailwarden evaluates, in
// display order (CloudTrail.* then CloudWatch.*), with Security Hub's title and severity, what it
// checks, how to fix it and its framework mappings.
import type { ControlDefinition, ControlId } from "@/lib/controls/types";
import { CLOUDTRAIL_CONTROL_IDS, CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { CLOUDTRAIL_CONTROLS } from "@/lib/controls/catalogue-cloudtrail";
import { CLOUDWATCH_CONTROLS } from "@/lib/controls/catalogue-cloudwatch";

export const CONTROL_IDS: readonly ControlId[] = [...CLOUDTRAIL_CONTROL_IDS, ...CLOUDWATCH_CONTROL_IDS];

export const CATALOGUE: Readonly<Record<ControlId, ControlDefinition>> = {
  ...CLOUDTRAIL_CONTROLS,
  ...CLOUDWATCH_CONTROLS,
};

export function isControlId(id: string): id is ControlId {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, id);
}

/** The control's definition; undefined for an unknown id (e.g. CloudTrail.8, which does not exist). */
export function getControl(id: string): ControlDefinition | undefined {
  return isControlId(id) ? CATALOGUE[id] : undefined;
}

/** All definitions in display order. */
export function listControls(): ControlDefinition[] {
  return CONTROL_IDS.map((id) => CATALOGUE[id]);
}
