import { describe, expect, it } from "vitest";
import { auditCsvRow, auditCsvStream } from "@/lib/audit/audit-csv";
import { neutralizeCsvCell as neutralizeFormula } from "@/lib/csv/csv-writer";
import { auditFiltersFromParams, auditFiltersToParams, auditWhere } from "@/lib/audit/audit-filters";
import type { AuditEventView } from "@/lib/audit/query-audit-events";

const event: AuditEventView = {
  id: "7",
  at: "2026-11-21T10:00:00.000Z",
  actorType: "anonymous",
  actorId: null,
  actorName: null,
  action: "auth.sign_in",
  target: null,
  outcome: "failure",
  details: { email: "=cmd|' /C calc'!A0" },
  ip: "10.0.0.1",
  userAgent: '+curl, "quoted"',
};

describe("audit CSV", () => {
  it("neutralizes cells a spreadsheet would run as formulas", () => {
    for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"]) expect(neutralizeFormula(v)).toBe(`'${v}`);
    expect(neutralizeFormula("auth.sign_in")).toBe("auth.sign_in");
  });

  it("quotes commas and quotes, one line per event", () => {
    const row = auditCsvRow(event);
    expect(row.endsWith("\n")).toBe(true);
    expect(row).toContain('"\'+curl, ""quoted"""');
    expect(row.startsWith("7,2026-11-21T10:00:00.000Z,anonymous,")).toBe(true);
  });

  it("streams a header then the rows", async () => {
    async function* two() {
      yield event;
      yield { ...event, id: "6", details: {} };
    }
    const text = await new Response(auditCsvStream(two())).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("id,at,actor_type,actor_id,actor_name,action,target,outcome,ip,user_agent,details");
    expect(lines).toHaveLength(3);
  });
});

describe("audit filters", () => {
  it("parses URL params, treating empty fields as absent", () => {
    const parsed = auditFiltersFromParams(
      new URLSearchParams("action=auth.&actor=&outcome=&from=2026-11-01&to=2026-11-20&page=3"),
    );
    expect(parsed.success && parsed.data).toMatchObject({
      action: "auth.",
      actor: undefined,
      outcome: undefined,
      from: "2026-11-01",
      page: 3,
      pageSize: 50,
    });
  });

  it("rejects bad values with a message", () => {
    expect(auditFiltersFromParams({ outcome: "maybe" }).success).toBe(false);
    expect(auditFiltersFromParams({ from: "2026-13-45" }).success).toBe(false);
    expect(auditFiltersFromParams({ page: "0" }).success).toBe(false);
  });

  it("builds the where clause: prefix actions, inclusive UTC days", () => {
    const parsed = auditFiltersFromParams({ action: "auth.", to: "2026-11-20", outcome: "denied" });
    if (!parsed.success) throw parsed.error;
    expect(auditWhere(parsed.data)).toEqual({
      action: { startsWith: "auth." },
      outcome: "denied",
      at: { lt: new Date("2026-11-21T00:00:00.000Z") },
    });
    expect(auditFiltersToParams({ ...parsed.data, page: 2 }).toString()).toBe(
      "action=auth.&outcome=denied&to=2026-11-20&page=2",
    );
  });
});
