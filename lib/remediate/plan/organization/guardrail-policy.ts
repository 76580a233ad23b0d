// The guardrail: a service control policy that stops anyone but the approved path from stopping,
// deleting or narrowing CloudTrail, or deleting the organization trail's key and bucket. Every
// statement denies, and only for principals other than the remediation role and the configured
// break-glass roles (an SCP never grants anything). guardrailViolations is the safety rule the
// planner and the executors apply to any SCP content remediation would write: Deny only, only the
// actions and resources below, always with the exemption condition.
import { canonicalJson, type PolicyDocument } from "@/lib/remediate/plan/policies/policy-document";
import type { JsonObject, JsonValue } from "@/lib/remediate/plan/plan-types";
import type { Partition } from "@/lib/remediate/plan/resource-names";
import { isStepRef, type StepRef } from "@/lib/remediate/plan/step-refs";

export const GUARDRAIL_NAME_SUFFIX = "protect-cloudtrail";
export const guardrailPolicyName = (prefix: string) => `${prefix}${GUARDRAIL_NAME_SUFFIX}`;

/** AWS: at most five SCPs directly attached to a root, OU or account (FullAWSAccess included). */
export const SCPS_PER_TARGET = 5;
/** AWS: an SCP document is at most 5,120 characters. */
export const SCP_MAX_CHARACTERS = 5120;

export const PROTECTED_CLOUDTRAIL_ACTIONS = [
  "cloudtrail:DeleteEventDataStore",
  "cloudtrail:DeleteTrail",
  "cloudtrail:PutEventSelectors",
  "cloudtrail:PutInsightSelectors",
  "cloudtrail:StopLogging",
  "cloudtrail:UpdateTrail",
] as const;
/** Deleting (or disabling) the trail's key stops delivery as surely as deleting the trail. */
export const PROTECTED_KEY_ACTIONS = ["kms:DisableKey", "kms:ScheduleKeyDeletion"] as const;
export const PROTECTED_BUCKET_ACTIONS = ["s3:DeleteBucket", "s3:DeleteBucketPolicy"] as const;

const SIDS = {
  cloudtrail: "TrailwardenProtectCloudTrail",
  key: "TrailwardenProtectTrailKey",
  bucket: "TrailwardenProtectTrailBucket",
} as const;

export interface GuardrailInput {
  partition: Partition;
  /** TRAILWARDEN_REMEDIATION_ROLE_NAME: exempt in every account (it is the approved path). */
  remediationRoleName: string;
  breakGlassRoleArns: string[];
  /**
   * The trail's key: a key ARN, an alias name/ARN (matched by kms:ResourceAliases), or a reference
   * to the ARN of the key the same plan creates (resolved at apply time, so the policy names the
   * key itself and a re-plan finds the same content).
   */
  kmsKey: string | StepRef | null;
  bucket: string | null;
}

function exemptPrincipals(input: GuardrailInput): string[] {
  const own = `arn:${input.partition}:iam::*:role/${input.remediationRoleName}`;
  return [own, ...input.breakGlassRoleArns.filter((a) => a !== own)];
}

function keyStatement(input: GuardrailInput, condition: JsonObject): JsonObject | null {
  const key = input.kmsKey;
  if (!key) return null;
  if (isStepRef(key))
    return { Sid: SIDS.key, Effect: "Deny", Action: [...PROTECTED_KEY_ACTIONS], Resource: key, Condition: condition };
  const alias = /(^|:)(alias\/.+)$/.exec(key)?.[2];
  if (alias) {
    return {
      Sid: SIDS.key,
      Effect: "Deny",
      Action: [...PROTECTED_KEY_ACTIONS],
      Resource: "*",
      Condition: { ...condition, "ForAnyValue:StringEquals": { "kms:ResourceAliases": alias } },
    };
  }
  return { Sid: SIDS.key, Effect: "Deny", Action: [...PROTECTED_KEY_ACTIONS], Resource: key, Condition: condition };
}

export function guardrailDocument(input: GuardrailInput): PolicyDocument {
  const condition: JsonObject = { ArnNotLike: { "aws:PrincipalArn": exemptPrincipals(input) } };
  const statements: JsonObject[] = [
    {
      Sid: SIDS.cloudtrail,
      Effect: "Deny",
      Action: [...PROTECTED_CLOUDTRAIL_ACTIONS],
      Resource: "*",
      Condition: condition,
    },
  ];
  const key = keyStatement(input, condition);
  if (key) statements.push(key);
  if (input.bucket) {
    statements.push({
      Sid: SIDS.bucket,
      Effect: "Deny",
      Action: [...PROTECTED_BUCKET_ACTIONS],
      Resource: `arn:${input.partition}:s3:::${input.bucket}`,
      Condition: condition,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The document as sent to CreatePolicy/UpdatePolicy (compact: the 5,120-character limit counts
 * spaces). A plan whose key is created by the same plan keeps the document as an object with the
 * key's reference in it; the executor serializes it once the reference is resolved.
 */
export function guardrailContent(input: GuardrailInput): string | PolicyDocument {
  const doc = guardrailDocument(input);
  return isStepRef(input.kmsKey) ? doc : JSON.stringify(doc);
}

/** The content as AWS receives it (an object content is serialized compactly). */
export function contentText(content: JsonValue | PolicyDocument | undefined): string {
  return typeof content === "string" ? content : JSON.stringify(content ?? null);
}

/** Same policy whatever the key order or spacing. */
export function sameGuardrail(a: string, b: string | PolicyDocument): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(typeof b === "string" ? JSON.parse(b) : b);
  } catch {
    return false;
  }
}

const asList = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Why `content` is not an SCP remediation may write (empty: it may). A key reference counts as that one key. */
export function guardrailViolations(content: JsonValue | PolicyDocument | undefined): string[] {
  let doc: { Statement?: JsonValue };
  const text = contentText(content);
  try {
    doc = (typeof content === "string" ? JSON.parse(content) : content) as { Statement?: JsonValue };
  } catch {
    return ["the SCP content is not JSON"];
  }
  if (!doc || typeof doc !== "object") return ["the SCP content is not a policy document"];
  // A key reference resolves to an ARN of about 75 characters.
  if (text.length > SCP_MAX_CHARACTERS)
    return [`the SCP is ${text.length} characters (AWS allows ${SCP_MAX_CHARACTERS})`];
  const statements = asList(doc.Statement) as JsonObject[];
  if (statements.length === 0) return ["the SCP has no statement"];
  const allowed = new Set<string>([
    ...PROTECTED_CLOUDTRAIL_ACTIONS,
    ...PROTECTED_KEY_ACTIONS,
    ...PROTECTED_BUCKET_ACTIONS,
  ]);
  const problems: string[] = [];
  for (const s of statements) {
    const label = `statement ${String(s.Sid ?? "(no Sid)")}`;
    if (s.Effect !== "Deny") problems.push(`${label} is not a Deny (the guardrail never allows anything)`);
    if ("NotAction" in s || "NotResource" in s) problems.push(`${label} uses NotAction/NotResource`);
    for (const action of asList(s.Action)) {
      if (typeof action !== "string" || !allowed.has(action))
        problems.push(`${label} denies ${String(action)}, which is outside CloudTrail's protection`);
    }
    const principals = (s.Condition as JsonObject | undefined)?.ArnNotLike as JsonObject | undefined;
    if (asList(principals?.["aws:PrincipalArn"]).length === 0)
      problems.push(`${label} has no exemption for the remediation role (aws:PrincipalArn ArnNotLike)`);
    const resources = asList(s.Resource).map((r) => (isStepRef(r) ? "(the key the plan creates)" : r));
    const actions = asList(s.Action).map(String);
    if (actions.some((a) => a.startsWith("s3:")) && resources.some((r) => r === "*" || String(r).includes("*")))
      problems.push(`${label} denies bucket deletion on more than the trail's bucket`);
    if (actions.some((a) => a.startsWith("kms:")) && resources.includes("*")) {
      const aliases = (
        (s.Condition as JsonObject | undefined)?.["ForAnyValue:StringEquals"] as JsonObject | undefined
      )?.["kms:ResourceAliases"];
      if (!aliases) problems.push(`${label} denies key deletion on every key, not only the trail's`);
    }
  }
  return problems;
}
