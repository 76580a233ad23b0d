// Compares the AWS calls found in the sources with the policies of deploy/policies: which
// credentials each file's calls run with (a table the caller supplies), the IAM actions those
// calls need, and what each policy grants. Pure: the consistency test and the self-test feed it.
import { iamActionsFor, UnknownActionError } from "@/deploy/iam/iam-actions";
import { actionsOf, asList, type PolicyDocument, type PolicyName } from "@/deploy/iam/policy-documents";
import type { AwsCall } from "@/deploy/iam/scan-aws-calls";

/** Whose credentials a call runs with. */
export type Scope = "hub" | "read" | "remediation";

export interface ScopeRule {
  /** A file, or a folder ending in `/`; the longest match wins. */
  path: string;
  scope: Scope;
  why: string;
}

/** The policies that must grant what each scope needs. */
export const POLICIES_OF_SCOPE: Readonly<Record<Scope, readonly PolicyName[]>> = {
  hub: ["hub", "hub-remediation"],
  read: ["read"],
  remediation: ["remediation"],
};

/**
 * Opt-in policies a deployer may add to a scope (template parameters). They only widen the
 * resources of actions the scope's own policies already grant: every call must work without them
 * (on Trailwarden's own resources), so they may add no action.
 */
export const OPTIONAL_POLICIES_OF_SCOPE: Readonly<Record<Scope, readonly PolicyName[]>> = {
  hub: [],
  read: [],
  remediation: ["remediation-existing-buckets"],
};

/** Whether an IAM action pattern (`iam:Create*`) matches an action, case-insensitively as IAM does. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return re.test(action);
}

export interface Findings {
  /** Files that send AWS calls but match no rule. */
  unclassified: string[];
  /** Operations whose IAM action is unknown (e.g. an unlisted S3 operation). */
  unknown: string[];
  /** Actions a scope needs that its policies do not allow: `scope action ← file:line Operation`. */
  missing: string[];
  /** Actions a policy allows that no call of its scope needs (minus the allow-list). */
  unused: string[];
  /** Actions a policy needs but denies for every resource. */
  denied: string[];
  /** Actions an opt-in policy grants that its scope's own policies do not. */
  optionalAdds: string[];
  /** Actions needed per scope, with the calls that need them. */
  required: Record<Scope, Map<string, string[]>>;
}

export function classify(file: string, rules: readonly ScopeRule[]): ScopeRule | null {
  let best: ScopeRule | null = null;
  for (const rule of rules) {
    const match = rule.path.endsWith("/") ? file.startsWith(rule.path) : file === rule.path;
    if (match && (!best || rule.path.length > best.path.length)) best = rule;
  }
  return best;
}

export function checkPolicies(
  calls: readonly AwsCall[],
  rules: readonly ScopeRule[],
  policies: Readonly<Record<PolicyName, PolicyDocument>>,
  allowedUnused: Readonly<Partial<Record<PolicyName, Readonly<Record<string, string>>>>> = {},
): Findings {
  const findings: Findings = {
    unclassified: [],
    unknown: [],
    missing: [],
    unused: [],
    denied: [],
    optionalAdds: [],
    required: { hub: new Map(), read: new Map(), remediation: new Map() },
  };
  for (const call of calls) {
    const rule = classify(call.file, rules);
    if (!rule) {
      if (!findings.unclassified.includes(call.file)) findings.unclassified.push(call.file);
      continue;
    }
    let actions: string[];
    try {
      actions = iamActionsFor(call.pkg, call.operation);
    } catch (err) {
      if (!(err instanceof UnknownActionError)) throw err;
      findings.unknown.push(`${call.file}:${call.line} ${err.message}`);
      continue;
    }
    for (const action of actions) {
      const where = findings.required[rule.scope].get(action) ?? [];
      where.push(`${call.file}:${call.line} ${call.operation}`);
      findings.required[rule.scope].set(action, where);
    }
  }

  for (const scope of Object.keys(POLICIES_OF_SCOPE) as Scope[]) {
    const names = POLICIES_OF_SCOPE[scope];
    const allowed = new Set(names.flatMap((n) => [...actionsOf(policies[n], "Allow")]));
    const needed = findings.required[scope];
    for (const [action, where] of needed) {
      if (!allowed.has(action)) findings.missing.push(`${scope}: ${action} ← ${where.join(", ")}`);
    }
    for (const name of OPTIONAL_POLICIES_OF_SCOPE[scope]) {
      for (const action of actionsOf(policies[name], "Allow"))
        if (!allowed.has(action)) findings.optionalAdds.push(`${name}.json: ${action}`);
    }
    for (const name of [...names, ...OPTIONAL_POLICIES_OF_SCOPE[scope]]) {
      for (const action of actionsOf(policies[name], "Allow")) {
        if (!needed.has(action) && !allowedUnused[name]?.[action]) findings.unused.push(`${name}.json: ${action}`);
      }
      // A Deny on every resource would break a call; resource-scoped Denies (the roles' own
      // protection) are checked by their own test.
      for (const s of policies[name].Statement.filter(
        (st) => st.Effect === "Deny" && asList(st.Resource).includes("*"),
      )) {
        for (const pattern of asList(s.Action))
          for (const action of needed.keys())
            if (actionMatches(pattern, action)) findings.denied.push(`${name}.json ${s.Sid}: ${action}`);
      }
    }
  }
  return findings;
}
