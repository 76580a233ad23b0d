// A small IAM policy evaluator for the strict simulator: does a resource or identity policy allow
// one request (a principal, an action, a resource, the condition keys the calling service sets)?
// It follows AWS's evaluation logic for what CloudTrail's preconditions need: an explicit Deny
// wins, otherwise an Allow must match; Action/NotAction, Resource/NotResource, Principal and the
// condition operators AWS policies for CloudTrail, S3, KMS and IAM use (String*, Arn*, Bool, Null,
// with ForAnyValue:/ForAllValues: and ...IfExists). A condition on a key the request does not carry
// is false (true for the negated operators), as AWS evaluates it.

export interface PolicyRequest {
  /** `{ service: "cloudtrail.amazonaws.com" }` or `{ aws: "arn:aws:iam::1:role/x" }`; omitted for identity policies. */
  principal?: { service?: string; aws?: string };
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

export type Decision = "allow" | "deny" | "implicit-deny";

type Json = Record<string, unknown>;

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map((x) => String(x)) : [String(v)];

/** IAM wildcards: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

export interface EvaluateOptions {
  /** Whether a statement naming the principal's account (root) counts as naming the principal
   * (true: the account delegates to its IAM policies, assumed here to allow). */
  accountDelegates?: boolean;
}

function principalMatches(statement: Json, principal: PolicyRequest["principal"], delegates: boolean): boolean {
  if (statement.NotPrincipal !== undefined) return false; // not used by anything we evaluate
  const p = statement.Principal;
  if (p === undefined) return principal === undefined; // identity policies carry no principal
  if (!principal) return false;
  if (p === "*") return true;
  const obj = p as Json;
  if (principal.service && list(obj.Service).includes(principal.service)) return true;
  if (principal.aws) {
    const account = principal.aws.split(":")[4];
    for (const a of list(obj.AWS)) {
      if (a === "*" || a === principal.aws) return true;
      // The account (its root, or its bare id) delegates to the account's IAM policies.
      if (delegates && account && (a === account || a === `arn:${principal.aws.split(":")[1]}:iam::${account}:root`))
        return true;
    }
  }
  return false;
}

function actionMatches(statement: Json, action: string): boolean {
  if (statement.Action !== undefined) return list(statement.Action).some((a) => wildcardMatch(a, action, true));
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((a) => wildcardMatch(a, action, true));
  return false;
}

function resourceMatches(statement: Json, resource: string): boolean {
  if (statement.Resource !== undefined) return list(statement.Resource).some((r) => wildcardMatch(r, resource));
  if (statement.NotResource !== undefined) return !list(statement.NotResource).some((r) => wildcardMatch(r, resource));
  // Resource-based policies (bucket, key, trust) may omit Resource only for trust policies.
  return true;
}

function compare(op: string, wanted: string, actual: string): boolean {
  switch (op) {
    case "StringEquals":
    case "ArnEquals":
      return wanted === actual;
    case "StringEqualsIgnoreCase":
      return wanted.toLowerCase() === actual.toLowerCase();
    case "StringLike":
    case "ArnLike":
      return wildcardMatch(wanted, actual);
    case "Bool":
      return wanted.toLowerCase() === actual.toLowerCase();
    default:
      return false;
  }
}

const NEGATED: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

function conditionHolds(rawOp: string, key: string, wanted: unknown, context: PolicyRequest["context"]): boolean {
  let op = rawOp;
  let set: "any" | "all" | null = null;
  if (op.startsWith("ForAnyValue:")) [set, op] = ["any", op.slice("ForAnyValue:".length)];
  else if (op.startsWith("ForAllValues:")) [set, op] = ["all", op.slice("ForAllValues:".length)];
  const ifExists = op.endsWith("IfExists");
  if (ifExists) op = op.slice(0, -"IfExists".length);
  const present = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const actual = present === undefined ? undefined : list(context[present]);
  const wantedValues = list(wanted);
  if (op === "Null") return wantedValues.some((w) => (w === "true") === (actual === undefined));
  if (actual === undefined) {
    if (ifExists) return true;
    if (set === "all") return true; // ForAllValues over an empty set is true
    return op in NEGATED;
  }
  const negated = NEGATED[op];
  const base = negated ?? op;
  const one = (value: string) => wantedValues.some((w) => compare(base, w, value));
  const matched = set === "all" ? actual.every(one) : actual.some(one);
  return negated ? !matched : matched;
}

function conditionsHold(statement: Json, context: PolicyRequest["context"]): boolean {
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  if (!condition) return true;
  return Object.entries(condition).every(([op, keys]) =>
    Object.entries(keys ?? {}).every(([key, wanted]) => conditionHolds(op, key, wanted, context)),
  );
}

export function statementsOf(policy: unknown): Json[] {
  const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement?: unknown } | null;
  const s = doc?.Statement;
  return Array.isArray(s) ? (s as Json[]) : s && typeof s === "object" ? [s as Json] : [];
}

/** The decision of one policy document (a missing policy allows nothing). */
export function evaluatePolicy(policy: unknown, request: PolicyRequest, options: EvaluateOptions = {}): Decision {
  let allowed = false;
  for (const statement of statementsOf(policy)) {
    if (!principalMatches(statement, request.principal, options.accountDelegates ?? true)) continue;
    if (!actionMatches(statement, request.action) || !resourceMatches(statement, request.resource)) continue;
    if (!conditionsHold(statement, request.context)) continue;
    if (statement.Effect === "Deny") return "deny";
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed ? "allow" : "implicit-deny";
}

/** Whether any of several identity policies allows the request and none denies it. */
export function evaluatePolicies(policies: unknown[], request: PolicyRequest): Decision {
  const decisions = policies.map((p) => evaluatePolicy(p, request));
  if (decisions.includes("deny")) return "deny";
  return decisions.includes("allow") ? "allow" : "implicit-deny";
}
