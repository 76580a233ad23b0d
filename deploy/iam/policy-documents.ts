// The IAM policies of deploy/policies/*.json: the single source CloudFormation (generate-cloudformation.ts)
// and Terraform (terraform/policies) both render. Placeholders use CloudFormation's `${Name}` syntax
// so the CloudFormation template can wrap them in Fn::Sub unchanged; Terraform replaces them.
import { readFileSync } from "node:fs";
import path from "node:path";

export type PolicyName =
  "read" | "remediation" | "remediation-existing-buckets" | "delivery" | "hub" | "hub-remediation";
export const POLICY_NAMES: readonly PolicyName[] = [
  "read",
  "remediation",
  "remediation-existing-buckets",
  "delivery",
  "hub",
  "hub-remediation",
];

/** Trust policies (who may assume a role) kept with the permissions: the delivery role's, which CloudTrail assumes. */
export type TrustPolicyName = "delivery-trust";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Placeholders each policy may use (a member-account policy knows its account; the hub's does not). */
export const PLACEHOLDERS: Readonly<Record<PolicyName | TrustPolicyName, readonly string[]>> = {
  read: ["AWS::Partition", "AWS::AccountId"],
  remediation: ["AWS::Partition", "AWS::AccountId", "ResourcePrefix", "ReadRoleName", "RemediationRoleName"],
  "remediation-existing-buckets": ["AWS::Partition", "AWS::AccountId"],
  delivery: ["AWS::Partition", "AWS::AccountId", "ResourcePrefix"],
  "delivery-trust": [],
  hub: ["AWS::Partition", "ReadRoleName", "OrganizationId"],
  "hub-remediation": ["AWS::Partition", "RemediationRoleName", "OrganizationId"],
};

export const POLICIES_DIR = path.resolve(import.meta.dirname, "..", "policies");

export interface TrustStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { Service?: string; AWS?: string | string[] };
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface TrustPolicyDocument {
  Version: "2012-10-17";
  Statement: TrustStatement[];
}

export function policyPath(name: PolicyName | TrustPolicyName): string {
  return path.join(POLICIES_DIR, `${name}.json`);
}

export function loadPolicy(name: PolicyName): PolicyDocument {
  return JSON.parse(readFileSync(policyPath(name), "utf8")) as PolicyDocument;
}

export function loadTrustPolicy(name: TrustPolicyName): TrustPolicyDocument {
  return JSON.parse(readFileSync(policyPath(name), "utf8")) as TrustPolicyDocument;
}

export function asList(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}

/** Actions the policy's statements of `effect` name. */
export function actionsOf(doc: PolicyDocument, effect: "Allow" | "Deny"): Set<string> {
  return new Set(doc.Statement.filter((s) => s.Effect === effect).flatMap((s) => asList(s.Action)));
}

/** Every `${Name}` placeholder used in a value. */
export function placeholdersIn(value: JsonValue): Set<string> {
  const found = new Set<string>();
  const visit = (v: JsonValue): void => {
    if (typeof v === "string") for (const m of v.matchAll(/\$\{([^}]+)\}/g)) found.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(value);
  return found;
}

/** Replaces `${Name}` placeholders, as Fn::Sub and the Terraform module do; throws on one left over. */
export function substitute(value: JsonValue, values: Readonly<Record<string, string>>): JsonValue {
  const visit = (v: JsonValue): JsonValue => {
    if (typeof v === "string") {
      return v.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        const replacement = values[name];
        if (replacement === undefined) throw new Error(`no value for placeholder \${${name}}`);
        return replacement;
      });
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return visit(value);
}

/** A policy document as plain JSON (for rendering). */
export function policyJson(doc: PolicyDocument | TrustPolicyDocument): JsonValue {
  return doc as unknown as JsonValue;
}
