// IAM-style policy documents (bucket, key and role policies) and the one way remediation changes
// them: statements are merged by Sid. Statements of others (a different Sid, or none) are never
// touched; a statement with one of our own Sids is brought to the desired content.
import type { JsonObject, JsonValue } from "@/lib/remediate/plan/plan-types";

export interface PolicyStatement extends JsonObject {
  Sid: string;
}

export interface PolicyDocument {
  Version: string;
  Id?: string;
  Statement: JsonObject[];
}

/** Sids Trailwarden writes all start with this; only these may be rewritten by a merge. */
export const OWN_SID_PREFIX = "Trailwarden";

export function policyDocument(statements: PolicyStatement[], id?: string): PolicyDocument {
  return id
    ? { Version: "2012-10-17", Id: id, Statement: statements }
    : { Version: "2012-10-17", Statement: statements };
}

/** Parses a policy as AWS returns it; a missing policy is an empty document. */
export function parsePolicy(text: string | undefined | null): PolicyDocument {
  if (!text) return policyDocument([]);
  const parsed = JSON.parse(text) as { Version?: string; Id?: string; Statement?: JsonValue };
  const statements = Array.isArray(parsed.Statement)
    ? (parsed.Statement.filter((s) => s !== null && typeof s === "object" && !Array.isArray(s)) as JsonObject[])
    : parsed.Statement && typeof parsed.Statement === "object"
      ? [parsed.Statement as JsonObject]
      : [];
  return { ...parsed, Version: parsed.Version ?? "2012-10-17", Statement: statements };
}

/** Key-order-insensitive JSON, for comparing statements. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface MergeResult {
  document: PolicyDocument;
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Sids we wanted to write that someone else's statement already uses differently (left alone). */
  conflicts: string[];
  changed: boolean;
}

export function mergeStatements(current: PolicyDocument, wanted: PolicyStatement[]): MergeResult {
  const statements = [...current.Statement];
  const result: Omit<MergeResult, "document" | "changed"> = { added: [], updated: [], unchanged: [], conflicts: [] };
  for (const statement of wanted) {
    const at = statements.findIndex((s) => s.Sid === statement.Sid);
    if (at < 0) {
      // Statement order has no meaning in a policy. New Allow statements go before the first Deny,
      // which keeps allows together and suits emulators that scan statements in order and fail on
      // a `Principal: "*"` (moto's server-access-logging check does).
      const firstDeny = statement.Effect === "Allow" ? statements.findIndex((s) => s.Effect === "Deny") : -1;
      if (firstDeny >= 0) statements.splice(firstDeny, 0, statement);
      else statements.push(statement);
      result.added.push(statement.Sid);
    } else if (canonicalJson(statements[at]) === canonicalJson(statement)) {
      result.unchanged.push(statement.Sid);
    } else if (statement.Sid.startsWith(OWN_SID_PREFIX)) {
      statements[at] = statement;
      result.updated.push(statement.Sid);
    } else {
      result.conflicts.push(statement.Sid);
    }
  }
  return {
    document: { ...current, Statement: statements },
    ...result,
    changed: result.added.length > 0 || result.updated.length > 0,
  };
}

/** The Sids of a document's statements (for diffs). */
export function statementSids(doc: PolicyDocument): string[] {
  return doc.Statement.map((s) => (typeof s.Sid === "string" ? s.Sid : "(no Sid)"));
}
