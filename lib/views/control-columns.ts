// The matrix's columns in the catalogue's display order (CloudTrail.1–7, .9, .10, CloudWatch.1–14),
// with only what the browser needs to label them.
import { CATALOGUE, CONTROL_IDS } from "@/lib/controls/catalogue";
import type { ControlFamily, Severity } from "@/lib/controls/types";

export interface ControlColumn {
  id: string;
  family: ControlFamily;
  /** The number after the family, e.g. "10" for CloudTrail.10 (the header's label). */
  short: string;
  title: string;
  severity: Severity;
}

let columns: ControlColumn[] | undefined;

export function controlColumns(): ControlColumn[] {
  columns ??= CONTROL_IDS.map((id) => {
    const control = CATALOGUE[id];
    return {
      id,
      family: control.family,
      short: id.slice(id.indexOf(".") + 1),
      title: control.title,
      severity: control.severity,
    };
  });
  return columns;
}

/** Column position of each control id (results of unknown controls are ignored). */
export function controlIndex(): Map<string, number> {
  return new Map(controlColumns().map((c, i) => [c.id, i]));
}
