// The one CSV writer for every export (posture, coverage, gaps, audit log, and any export added
// later): RFC 4180 quoting from csv-stringify plus neutralization of spreadsheet formulas.
// Account names, OU paths, e-mails and user agents are chosen by other people (a member account can
// name itself `=HYPERLINK(...)`), and Excel, LibreOffice and Google Sheets run a cell that starts
// with = + - @ (or a tab or carriage return in front of one) as a formula. Following OWASP's CSV
// injection guidance, such a text cell gets a leading apostrophe, which spreadsheets show as text.
// Numbers are written as numbers (a negative count stays -3), so only strings are touched.
// Do not import csv-stringify anywhere else; ESLint refuses it outside this folder.
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will read it: formulas become literal text. */
export function neutralizeCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cellText(value: CsvCell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  return neutralizeCsvCell(value);
}

/** CSV lines (each ending in a newline) for rows of cells; no header. For streaming exports. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return "";
  return stringify(rows.map((row) => row.map(cellText)));
}

/** A whole CSV document: the header line, then one line per row. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvLines([header, ...rows]);
}
