// How each verdict status looks: colour AND a glyph and a word, never colour alone. The matrix,
// badges and legends all read this table so a status looks the same everywhere.
import type { VerdictStatus } from "@/lib/views/status-codes";

export interface StatusStyle {
  label: string;
  glyph: string;
  /** Matrix cell: background and text. */
  cell: string;
  /** Badge: background, text and border. */
  badge: string;
  /** Text colour alone (a stale verdict's faded glyph). */
  text: string;
  /** Chart colour (hex, from tailwind.config.ts). */
  hex: string;
}

export const STATUS_STYLE: Record<VerdictStatus, StatusStyle> = {
  PASSED: {
    text: "text-passed",
    label: "Passed",
    glyph: "✓",
    cell: "bg-passed/10 text-passed",
    badge: "border-passed/30 bg-passed/10 text-passed",
    hex: "#15803d",
  },
  FAILED: {
    text: "text-failed",
    label: "Failed",
    glyph: "✕",
    cell: "bg-failed text-white",
    badge: "border-failed/40 bg-failed/10 text-failed",
    hex: "#b91c1c",
  },
  WARNING: {
    text: "text-warning",
    label: "Warning",
    glyph: "!",
    cell: "bg-warning/15 text-warning font-bold",
    badge: "border-warning/40 bg-warning/10 text-warning",
    hex: "#b45309",
  },
  NO_DATA: {
    text: "text-nodata",
    label: "No data",
    glyph: "?",
    cell: "bg-nodata/15 text-slate-700",
    badge: "border-nodata/40 bg-nodata/10 text-slate-700",
    hex: "#6b7280",
  },
  NOT_APPLICABLE: {
    text: "text-na",
    label: "Not applicable",
    glyph: "–",
    cell: "bg-white text-slate-500",
    badge: "border-slate-300 bg-white text-slate-600",
    hex: "#9ca3af",
  },
  ERROR: {
    text: "text-errored",
    label: "Error",
    glyph: "⚠",
    cell: "bg-errored/10 text-errored",
    badge: "border-errored/40 bg-errored/10 text-errored",
    hex: "#7c3aed",
  },
};

export const NO_RESULT_STYLE = { label: "Not evaluated yet", glyph: "·", cell: "bg-white text-slate-300" };
