// The safety rules, checked on every plan and again by the executor before each call: remediation
// never deletes or replaces a trail, bucket, key, log group or policy, never stops logging, never
// removes an event selector and never enables data events. Only the operations below may appear,
// UpdateTrail may only switch settings on or fill an unset one, and PutEventSelectors must keep
// every existing selector and every data-event selector exactly. Only the organization fix may
// create an organization trail or call Organizations, and then only to enable CloudTrail's trusted
// access and the SCP policy type, and to create, update and attach the guardrail SCP, whose content
// may deny nothing outside CloudTrail's protection (guardrail-policy.ts), and, when the option is on,
// to create AWS Config's organization rule multi-region-cloudtrail-enabled (and enable AWS Config's
// multi-account trusted access for it). Nothing is ever detached.
import type {
  AdvancedEventSelector,
  BasicEventSelector,
  EventSelectorsState,
  TrailState,
} from "@/lib/collect/snapshot-types";
import { canonicalJson } from "@/lib/remediate/plan/policies/policy-document";
import { advancedToApi, basicToApi } from "@/lib/remediate/plan/plan-event-selectors";
import type { JsonObject, JsonValue, PlanStep } from "@/lib/remediate/plan/plan-types";
import { GUARDRAIL_NAME_SUFFIX, guardrailViolations } from "@/lib/remediate/plan/organization/guardrail-policy";
import {
  CONFIG_MULTI_ACCOUNT_PRINCIPAL,
  CONFIG_RULE_NAME_SUFFIX,
  MULTI_REGION_CLOUDTRAIL_RULE,
} from "@/lib/remediate/plan/organization/config-rule";
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";

export const ALLOWED_OPERATIONS: Readonly<Record<PlanStep["service"], readonly string[]>> = {
  s3: [
    "CreateBucket",
    "PutBucketTagging",
    "PutPublicAccessBlock",
    "PutBucketVersioning",
    "PutBucketEncryption",
    "PutBucketPolicy",
    "PutBucketLogging",
    "PutBucketLifecycleConfiguration",
  ],
  kms: ["CreateKey", "CreateAlias", "EnableKeyRotation"],
  logs: ["CreateLogGroup", "PutRetentionPolicy", "PutMetricFilter"],
  // No IAM write: the delivery role is the template's; a plan step creating or editing a role is refused.
  iam: [],
  cloudtrail: ["CreateTrail", "UpdateTrail", "PutEventSelectors", "StartLogging", "AddTags", "UpdateEventDataStore"],
  cloudwatch: ["PutMetricAlarm"],
  sns: ["CreateTopic", "Subscribe"],
  organizations: ["EnableAWSServiceAccess", "EnablePolicyType", "CreatePolicy", "AttachPolicy"],
  // The organization fix's optional AWS Config rule: created, never changed or deleted.
  config: ["PutOrganizationConfigRule"],
};

export const FORBIDDEN_OPERATION =
  /^(Delete|Stop|Remove|Detach|Disable|Deactivate|Untag|Cancel|Schedule|Revoke|Deregister|Replace|Unsubscribe)/;

/** UpdateTrail may fill these only when the trail has none (never replace them). */
const FILL_ONLY: Record<string, keyof TrailState> = {
  KmsKeyId: "kmsKeyId",
  CloudWatchLogsLogGroupArn: "cloudWatchLogsLogGroupArn",
  CloudWatchLogsRoleArn: "cloudWatchLogsRoleArn",
};
const SWITCH_ON_ONLY = ["IsMultiRegionTrail", "IncludeGlobalServiceEvents", "EnableLogFileValidation"];
const NEVER_IN_UPDATE = ["S3BucketName", "S3KeyPrefix", "IsOrganizationTrail", "SnsTopicName"];

function selectorsOf(params: JsonObject): { basic: JsonObject[] | null; advanced: JsonObject[] | null } {
  const basic = Array.isArray(params.EventSelectors) ? (params.EventSelectors as JsonObject[]) : null;
  const advanced = Array.isArray(params.AdvancedEventSelectors)
    ? (params.AdvancedEventSelectors as JsonObject[])
    : null;
  return { basic, advanced };
}

function hasData(selector: JsonObject): boolean {
  const resources = selector.DataResources;
  return Array.isArray(resources) && resources.length > 0;
}

function isManagementOnly(selector: JsonObject): boolean {
  const fields = Array.isArray(selector.FieldSelectors) ? (selector.FieldSelectors as JsonObject[]) : [];
  const category = fields.find((f) => String(f.Field).toLowerCase() === "eventcategory");
  const equals = (category?.Equals ?? []) as JsonValue[];
  return (
    Array.isArray(equals) &&
    equals.length === 1 &&
    equals[0] === "Management" &&
    fields.every((f) => ["eventcategory", "readonly", "eventsource"].includes(String(f.Field).toLowerCase()))
  );
}

/** Problems with a PutEventSelectors input compared with the selectors the trail has now. */
export function selectorViolations(current: EventSelectorsState | null, params: JsonObject): string[] {
  if (current === null) return ["the trail's current event selectors are unknown"];
  const next = selectorsOf(params);
  const problems: string[] = [];
  const oldBasic = (current.basic ?? []).map((s: BasicEventSelector) => basicToApi(s));
  const oldAdvanced = (current.advanced ?? []).map((s: AdvancedEventSelector) => advancedToApi(s));
  if (oldAdvanced.length > 0 && next.advanced === null)
    problems.push("would replace advanced event selectors with basic ones");
  if (oldAdvanced.length === 0 && oldBasic.length > 0 && next.basic === null)
    problems.push("would replace basic event selectors with advanced ones");
  const compare = (
    old: JsonObject[],
    neu: JsonObject[] | null,
    kind: string,
    keepExactly: (s: JsonObject) => boolean,
    mayAdd: (s: JsonObject) => boolean,
  ) => {
    if (old.length === 0 && neu === null) return;
    const list = neu ?? [];
    if (list.length < old.length) problems.push(`would remove ${old.length - list.length} ${kind} selector(s)`);
    old.forEach((s, i) => {
      if (keepExactly(s) && canonicalJson(list[i]) !== canonicalJson(s))
        problems.push(`would change ${kind} selector ${i}, which selects data events`);
    });
    list.slice(old.length).forEach((s, i) => {
      if (!mayAdd(s)) problems.push(`would add ${kind} selector ${old.length + i}, which selects data events`);
    });
  };
  compare(oldBasic, next.basic, "basic", hasData, (s) => !hasData(s));
  compare(oldAdvanced, next.advanced, "advanced", (s) => !isManagementOnly(s), isManagementOnly);
  // A management selector adjusted in place must stay management-only.
  (next.advanced ?? []).slice(0, oldAdvanced.length).forEach((s, i) => {
    if (isManagementOnly(oldAdvanced[i]!) && !isManagementOnly(s))
      problems.push(`would turn management selector ${i} into a data-event selector`);
  });
  (next.basic ?? []).slice(0, oldBasic.length).forEach((s, i) => {
    if (!hasData(oldBasic[i]!) && hasData(s)) problems.push(`would add data resources to basic selector ${i}`);
  });
  return problems;
}

/** Trusted access the organization fix may enable: CloudTrail's, and AWS Config's for its optional rule. */
const TRUSTED_ACCESS_PRINCIPALS = ["cloudtrail.amazonaws.com", CONFIG_MULTI_ACCOUNT_PRINCIPAL];

/** The optional organization Config rule: only the managed rule multi-region-cloudtrail-enabled, named by us. */
function configViolations(step: Pick<PlanStep, "operation" | "params" | "organization">): string[] {
  if (!step.organization) return [`config:${step.operation} belongs to the organization fix only`];
  const { params } = step;
  const problems: string[] = [];
  if (!String(params.OrganizationConfigRuleName ?? "").endsWith(CONFIG_RULE_NAME_SUFFIX))
    problems.push(`PutOrganizationConfigRule may only create the rule …${CONFIG_RULE_NAME_SUFFIX}`);
  const metadata = params.OrganizationManagedRuleMetadata as JsonObject | undefined;
  if (metadata?.RuleIdentifier !== MULTI_REGION_CLOUDTRAIL_RULE)
    problems.push(`PutOrganizationConfigRule may only deploy the managed rule ${MULTI_REGION_CLOUDTRAIL_RULE}`);
  if ("OrganizationCustomRuleMetadata" in params || "OrganizationCustomPolicyRuleMetadata" in params)
    problems.push("PutOrganizationConfigRule may not deploy a custom rule");
  return problems;
}

/** Problems with one step given the trail it targets (when it targets an existing trail). */
function organizationsViolations(step: Pick<PlanStep, "operation" | "params" | "organization">): string[] {
  const { operation: op, params } = step;
  if (!step.organization) return [`organizations:${op} belongs to the organization fix only`];
  if (op === "EnableAWSServiceAccess" && !TRUSTED_ACCESS_PRINCIPALS.includes(String(params.ServicePrincipal)))
    return ["EnableAWSServiceAccess may only enable CloudTrail's or AWS Config's multi-account trusted access"];
  if (op === "EnablePolicyType" && params.PolicyType !== "SERVICE_CONTROL_POLICY")
    return ["EnablePolicyType may only enable service control policies"];
  const problems: string[] = [];
  if (op === "CreatePolicy") {
    if (params.Type !== "SERVICE_CONTROL_POLICY")
      problems.push("CreatePolicy may only create a service control policy");
    if (!String(params.Name ?? "").endsWith(GUARDRAIL_NAME_SUFFIX))
      problems.push(`CreatePolicy may only create the guardrail (…${GUARDRAIL_NAME_SUFFIX})`);
    const tags = Array.isArray(params.Tags) ? (params.Tags as JsonObject[]) : [];
    if (!tags.some((t) => t.Key === MANAGED_BY_TAG.key && t.Value === MANAGED_BY_TAG.value))
      problems.push(`CreatePolicy must tag the guardrail ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value}`);
  }
  if (op === "CreatePolicy") problems.push(...guardrailViolations(params.Content));
  if (op === "AttachPolicy" && (!params.PolicyId || !params.TargetId))
    problems.push("AttachPolicy needs a policy and a target");
  return problems;
}

export function stepViolations(
  step: Pick<PlanStep, "service" | "operation" | "params"> & { organization?: true },
  trail?: TrailState | null,
): string[] {
  const problems: string[] = [];
  const op = step.operation;
  if (FORBIDDEN_OPERATION.test(op)) problems.push(`${op} is never allowed (delete, stop, remove or replace)`);
  if (!(ALLOWED_OPERATIONS[step.service] ?? []).includes(op))
    problems.push(`${step.service}:${op} is not an operation remediation may call`);
  if (op === "UpdateTrail") {
    for (const key of NEVER_IN_UPDATE) if (key in step.params) problems.push(`UpdateTrail must not change ${key}`);
    for (const key of SWITCH_ON_ONLY)
      if (key in step.params && step.params[key] !== true) problems.push(`UpdateTrail may only switch ${key} on`);
    for (const [key, field] of Object.entries(FILL_ONLY)) {
      const current = trail?.[field];
      // A role named without a log group delivers nothing: giving the trail the shipped delivery
      // role with its log group replaces no working delivery (remediation cannot pass other roles).
      if (key === "CloudWatchLogsRoleArn" && !trail?.cloudWatchLogsLogGroupArn) continue;
      if (key in step.params && current && step.params[key] !== current)
        problems.push(`UpdateTrail would replace the trail's existing ${key}`);
    }
  }
  // `trail` null: the plan creates the trail (no selectors yet: compare with an empty list);
  // undefined: the caller does not know the trail's selectors (the executor's pre-check before any
  // read): the selector rules are checked by the executor against the live list instead. Comparing
  // an existing trail's selectors with an empty list would call its kept data selector "added".
  if (op === "PutEventSelectors" && trail !== undefined) {
    const current = trail ? trail.eventSelectors : { basic: [], advanced: null };
    problems.push(...selectorViolations(current, step.params));
  }
  if (op === "CreateTrail" && step.params.IsOrganizationTrail === true && !step.organization)
    problems.push("only the organization fix creates an organization trail");
  if (step.service === "organizations" && problems.length === 0) problems.push(...organizationsViolations(step));
  if (step.service === "config" && problems.length === 0) problems.push(...configViolations(step));
  return problems;
}

/** Every violation in the plan, each prefixed by its step. */
export function planViolations(steps: PlanStep[], trailsByArn: Map<string, TrailState>): string[] {
  return steps.flatMap((step, i) => {
    const trail = step.service === "cloudtrail" ? (trailsByArn.get(step.resource) ?? null) : undefined;
    return stepViolations(step, trail).map((p) => `step ${i + 1} (${step.title}): ${p}`);
  });
}
