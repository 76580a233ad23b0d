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

const asList = (v: JsonValue | undefined): JsonValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The sorted union of two values (a single value stays a value). */
function union(a: JsonValue | undefined, b: JsonValue | undefined): JsonValue {
  const values = [...new Set([...asList(a), ...asList(b)].map((v) => JSON.stringify(v)))]
    .sort()
    .map((v) => JSON.parse(v) as JsonValue);
  return values.length === 1 ? values[0]! : values;
}

/** `wanted` with the existing statement's resources and condition values added (same operators and keys). */
export function accumulate(existing: JsonObject, wanted: PolicyStatement): PolicyStatement {
  const out: PolicyStatement = { ...wanted, Resource: union(existing.Resource, wanted.Resource) };
  if (!wanted.Condition) return out;
  const before = (existing.Condition ?? {}) as Record<string, Record<string, JsonValue>>;
  const condition: Record<string, Record<string, JsonValue>> = {};
  for (const [op, keys] of Object.entries(wanted.Condition as Record<string, Record<string, JsonValue>>)) {
    condition[op] = {};
    for (const [key, value] of Object.entries(keys)) {
      const old = before[op]?.[key];
      condition[op][key] = old === undefined ? value : union(old, value);
    }
  }
  out.Condition = condition;
  return out;
}

export interface MergeOptions {
  /** Sids whose statements gather values (accounts, resources) across merges instead of being replaced. */
  accumulate?: (sid: string) => boolean;
}

export function mergeStatements(
  current: PolicyDocument,
  wanted: PolicyStatement[],
  options: MergeOptions = {},
): MergeResult {
  const statements = [...current.Statement];
  const result: Omit<MergeResult, "document" | "changed"> = { added: [], updated: [], unchanged: [], conflicts: [] };
  for (const desired of wanted) {
    const at = statements.findIndex((s) => s.Sid === desired.Sid);
    const statement = at >= 0 && options.accumulate?.(desired.Sid) ? accumulate(statements[at]!, desired) : desired;
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
