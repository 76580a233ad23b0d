// The organization fix, planned as data like the family fix: a pure function of the CloudTrail
// administrator's latest snapshot (the management account, or TRAILWARDEN_CLOUDTRAIL_ADMIN_ACCOUNT),
// the members' latest snapshots, the organization's live state (read-organization-state.ts) and
// the settings. It adopts the existing organization trail and fixes what it lacks (multi-region,
// read+write management events, logging, KMS, validation, CloudWatch Logs, bucket, CIS alarms), or
// creates one; adds the guardrail SCP (and, when the option is on, AWS Config's organization rule
// multi-region-cloudtrail-enabled); and lists the members' own trails that now log management
// events a second time. Members' own trails are never part of a step.
import type { AccountSnapshotState, BucketState } from "@/lib/collect/snapshot-types";
import { buildEvaluationContext, type EvaluationContext, type TrailFacts } from "@/lib/controls/evaluation-context";
import { evaluateAccount } from "@/lib/controls/evaluate-account";
import { findLogGroup } from "@/lib/controls/evidence";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import { CLOUDWATCH_CONTROL_IDS } from "@/lib/controls/types";
import { planViolations } from "@/lib/remediate/plan/assert-safe-plan";
import { fullRegionForMultiRegionTrail, TRAILS_PER_REGION } from "@/lib/remediate/plan/choose-primary-trail";
import { emitSteps } from "@/lib/remediate/plan/emit-steps";
import { planConfigRule } from "@/lib/remediate/plan/organization/plan-config-rule";
import { planGuardrail } from "@/lib/remediate/plan/organization/plan-guardrail";
import { ORGANIZATIONS_REGION } from "@/lib/remediate/plan/organization/organizations-reader";
import {
  CLOUDTRAIL_PRINCIPAL,
  type OrganizationState,
} from "@/lib/remediate/plan/organization/read-organization-state";
import { planExistingBucketFixes } from "@/lib/remediate/plan/plan-bucket-fixes";
import { planCisFixes } from "@/lib/remediate/plan/plan-cis-fixes";
import { emptyNeeds, type PlanInputs, type PlanNeeds } from "@/lib/remediate/plan/plan-needs";
import { planNewTrail } from "@/lib/remediate/plan/plan-new-trail";
import { planPerTrailFixes, planPrimaryTrailFixes } from "@/lib/remediate/plan/plan-trail-fixes";
import {
  PLAN_SCHEMA_VERSION,
  type OrganizationPlanInfo,
  type PlanIssue,
  type PlanStep,
  type RemediationPlan,
} from "@/lib/remediate/plan/plan-types";
import type { RemediationSettings } from "@/lib/remediate/remediation-settings";
import { nameContext, trailArn } from "@/lib/remediate/plan/resource-names";
import { keyArnRef } from "@/lib/remediate/plan/steps/ensure-kms-key";
import { makeStep } from "@/lib/remediate/plan/steps/make-step";
import { summarizeOrganizationPlan } from "@/lib/remediate/plan/organization/summarize-organization-plan";

export interface OrganizationPlanRequest {
  /** The latest snapshot of the account that owns (or will own) the organization trail. */
  admin: { state: AccountSnapshotState; snapshotId: string | null };
  /** Every other account's latest snapshot (members' own trails, for the duplicate list). */
  members: { state: AccountSnapshotState; name: string | null }[];
  organization: OrganizationState;
  settings: RemediationSettings;
  /** TRAILWARDEN_REMEDIATION_ROLE_NAME: the guardrail exempts it. */
  remediationRoleName: string;
  knownBuckets?: Record<string, BucketState>;
}

export const organizationTrailName = (prefix: string) => `${prefix}organization`;

/** CloudTrail bills every copy of management events after the first (per 100,000 events). */
const DUPLICATE_COST = "$2.00 per 100,000 management events";

function organizationTrailOf(ctx: EvaluationContext): TrailFacts | undefined {
  const org = ctx.trails.filter((f) => f.trail.isOrganizationTrail);
  return org.find((f) => f.trail.ownerAccountId === ctx.state.accountId) ?? org[0];
}

function planTrail(
  request: OrganizationPlanRequest,
  ctx: EvaluationContext,
  needs: PlanNeeds,
  inputs: PlanInputs,
): OrganizationPlanInfo["trail"] | null {
  const { state } = request.admin;
  const existing = organizationTrailOf(ctx);
  if (existing) {
    const choice = {
      kind: "organization-trail" as const,
      facts: existing,
      summary: `${existing.label} is adopted: what it lacks is fixed in place (no second organization trail)`,
    };
    planPrimaryTrailFixes(needs, choice);
    planPerTrailFixes(ctx, needs, inputs, existing);
    planExistingBucketFixes({ ...ctx, trails: [existing] }, needs, inputs);
    const t = existing.trail;
    return { arn: t.arn, name: t.name, homeRegion: t.homeRegion, adopted: true, bucket: t.s3BucketName ?? null };
  }
  const region = request.settings.homeRegion;
  // A multi-region trail counts in every region, not only its home region.
  const full = fullRegionForMultiRegionTrail(ctx, region);
  if (full) {
    needs.blockers.push({
      code: "trail-limit",
      message:
        `the organization trail (multi-region) would be created in account ${state.accountId}, but ${full.region} ` +
        `already holds ${full.count} trails (AWS allows ${TRAILS_PER_REGION} per region, and a multi-region trail ` +
        `counts in every region); free a slot there`,
      controls: ["CloudTrail.1", "CloudTrail.3"],
    });
    return null;
  }
  const name = organizationTrailName(inputs.names.prefix);
  const arn = trailArn(inputs.names, state.accountId, region, name);
  const need = planNewTrail(
    ctx,
    needs,
    inputs,
    {
      kind: "create-trail",
      name,
      arn,
      region,
      summary: `the organization has no organization trail: \`${name}\` is created in account ${state.accountId} (${region}) and covers every member, present and future`,
    },
    request.organization.organizationId,
  );
  return { arn, name, homeRegion: region, adopted: false, bucket: need.bucket ?? null };
}

/** CloudWatch.1–14 on the organization trail's log group (existing, or the one the plan creates). */
function planAlarms(ctx: EvaluationContext, needs: PlanNeeds, inputs: PlanInputs, trailArnValue: string): void {
  const current = ctx.trails.find((f) => f.trail.arn === trailArnValue)?.trail.cloudWatchLogsLogGroupArn;
  const planned = needs.trails.get(trailArnValue)?.set.get("CloudWatchLogsLogGroupArn")?.to;
  const groupArn = current ?? (typeof planned === "string" ? planned : undefined);
  if (!groupArn) return;
  planCisFixes(needs, inputs, { groupArn, group: findLogGroup(ctx.state, groupArn) }, new Set(CLOUDWATCH_CONTROL_IDS));
}

function prerequisites(
  request: OrganizationPlanRequest,
  adminAccountId: string,
): { steps: PlanStep[]; blockers: PlanIssue[] } {
  const org = request.organization;
  const steps: PlanStep[] = [];
  const blockers: PlanIssue[] = [];
  if (adminAccountId !== org.managementAccountId && !org.cloudTrailDelegatedAdmins.includes(adminAccountId)) {
    blockers.push({
      code: "not-delegated-admin",
      message:
        `TRAILWARDEN_CLOUDTRAIL_ADMIN_ACCOUNT is ${adminAccountId}, which is not CloudTrail's delegated administrator ` +
        `of organization ${org.organizationId}: register it (aws cloudtrail register-organization-delegated-admin) ` +
        `or unset the variable to use the management account`,
      controls: [],
    });
  }
  if (!org.cloudTrailTrustedAccess) {
    steps.push({
      ...makeStep({
        title: "Enable CloudTrail's trusted access in AWS Organizations",
        why: "AWS accepts an organization trail only when CloudTrail has trusted access to the organization",
        controls: ["CloudTrail.1", "CloudTrail.3"],
        service: "organizations",
        operation: "EnableAWSServiceAccess",
        region: ORGANIZATIONS_REGION,
        targetAccountId: org.managementAccountId,
        resource: CLOUDTRAIL_PRINCIPAL,
        action: "update",
        changes: [{ attribute: "EnabledServicePrincipals", from: null, to: CLOUDTRAIL_PRINCIPAL }],
        params: { ServicePrincipal: CLOUDTRAIL_PRINCIPAL },
      }),
      organization: true,
    });
  }
  return { steps, blockers };
}

function duplicates(request: OrganizationPlanRequest, trail: OrganizationPlanInfo["trail"] | null) {
  const out: OrganizationPlanInfo["duplicates"] = [];
  for (const { state, name } of [{ state: request.admin.state, name: null }, ...request.members]) {
    for (const t of state.trails) {
      if (t.ownerAccountId !== state.accountId || t.isOrganizationTrail || t.arn === trail?.arn) continue;
      if (t.status?.isLogging === false) continue;
      const coverage = judgeManagementEvents(t.eventSelectors).coverage;
      if (coverage === "none") continue;
      out.push({ accountId: state.accountId, accountName: name, trailArn: t.arn, homeRegion: t.homeRegion });
    }
  }
  return out;
}

/** The optional AWS Config rule, when the option is on (its state was read only then). */
function configRuleSteps(request: OrganizationPlanRequest) {
  const state = request.organization.configRule;
  if (!request.settings.organization.configRule) return null;
  if (!state) {
    return {
      steps: [],
      notes: [],
      blockers: [
        {
          code: "config-rule-unread",
          message: "the AWS Config rule option is on but AWS Config's organization rules were not read",
          controls: [],
        },
      ],
      info: undefined,
    };
  }
  return planConfigRule({
    managementAccountId: request.organization.managementAccountId,
    prefix: request.settings.namePrefix,
    trustedAccess: request.organization.configTrustedAccess ?? false,
    state,
  });
}

export function planOrganizationFix(request: OrganizationPlanRequest): RemediationPlan {
  const { settings } = request;
  const state = request.admin.state;
  const inputs: PlanInputs = {
    names: nameContext(state, settings),
    remediationRoleName: request.remediationRoleName,
    settings,
    accountId: state.accountId,
    knownBuckets: request.knownBuckets ?? {},
  };
  const ctx = buildEvaluationContext(state, { requiredTagKeys: settings.requiredTagKeys });
  const needs = emptyNeeds();
  const pre = prerequisites(request, state.accountId);
  needs.blockers.push(...pre.blockers);
  let trail: OrganizationPlanInfo["trail"] | null = null;
  if (ctx.incompleteReason) {
    needs.blockers.push({
      code: "trail-list-unreadable",
      message: `cannot plan: ${ctx.incompleteReason} in account ${state.accountId}; re-collect it first`,
      controls: [],
    });
  } else {
    trail = planTrail(request, ctx, needs, inputs);
    if (trail) planAlarms(ctx, needs, inputs, trail.arn);
  }
  const trailSteps = emitSteps(inputs, needs);
  // The guardrail protects the trail's key: its own, or the key the plan creates (by reference).
  const existingKey = trail ? ctx.trails.find((f) => f.trail.arn === trail!.arn)?.trail.kmsKeyId : null;
  const keyRegion = trail ? (needs.trails.get(trail.arn)?.keyRegion ?? trail.homeRegion) : null;
  const key = existingKey ?? (trail && keyRegion ? keyArnRef(inputs, state.accountId, keyRegion) : null);
  const guardrail = planGuardrail(request.organization, settings.namePrefix, {
    partition: state.partition,
    remediationRoleName: request.remediationRoleName,
    breakGlassRoleArns: settings.organization.breakGlassRoleArns,
    kmsKey: key,
    bucket: trail?.bucket ?? null,
  });
  needs.blockers.push(...guardrail.blockers);
  needs.notes.push(...guardrail.notes);
  const config = configRuleSteps(request);
  needs.blockers.push(...(config?.blockers ?? []));
  needs.notes.push(...(config?.notes ?? []));
  const steps = [...pre.steps, ...trailSteps, ...guardrail.steps, ...(config?.steps ?? [])];
  const trails = new Map(state.trails.map((t) => [t.arn, t]));
  for (const violation of planViolations(steps, trails))
    needs.blockers.push({ code: "unsafe-step", message: violation, controls: [] });

  const dupes = duplicates(request, trail);
  if (dupes.length > 0) {
    needs.notes.push({
      code: "duplicate-member-trail",
      message:
        `${dupes.length} member trail${dupes.length > 1 ? "s" : ""} also log${dupes.length > 1 ? "" : "s"} management ` +
        `events, which the organization trail records for every account: ${dupes.map((d) => `${d.accountName ?? d.accountId} (${d.trailArn})`).join(", ")}. ` +
        `CloudTrail charges for every copy after the first (${DUPLICATE_COST}); Trailwarden never changes them, ` +
        `remove them yourself if nothing else needs them`,
      controls: [],
    });
  }
  const verdicts = [request.admin, ...request.members].flatMap((m) =>
    evaluateAccount(m.state, { requiredTagKeys: settings.requiredTagKeys })
      .filter((v) => (v.controlId === "CloudTrail.1" || v.controlId === "CloudTrail.3") && v.status !== "PASSED")
      .map((v) => ({ ...v, accountId: m.state.accountId })),
  );
  const failingBefore = ["CloudTrail.1", "CloudTrail.3"].flatMap((id) => {
    const failing = verdicts.filter((v) => v.controlId === id);
    if (failing.length === 0) return [];
    const accounts = failing.map((v) => v.accountId);
    return [
      {
        controlId: id,
        status: failing.some((v) => v.status === "FAILED") ? "FAILED" : failing[0]!.status,
        reason: `${accounts.length} account${accounts.length > 1 ? "s" : ""} (${accounts.slice(0, 5).join(", ")}${accounts.length > 5 ? ", …" : ""}): ${failing[0]!.reason}`,
      },
    ];
  });
  const blocked = needs.blockers.length > 0;
  const remaining = new Set(needs.notes.flatMap((n) => n.controls));
  const expected = new Set(steps.flatMap((s) => s.controls));
  const plan: RemediationPlan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    scope: "organization",
    accountId: state.accountId,
    snapshotId: request.admin.snapshotId,
    collectedAt: state.collectedAt,
    status: blocked ? "blocked" : steps.length === 0 ? "empty" : "ready",
    summary: "",
    strategy: {
      kind: "organization-trail",
      trailArn: trail?.arn ?? null,
      trailName: trail?.name ?? null,
      ownerAccountId: state.accountId,
      homeRegion: trail?.homeRegion ?? null,
      summary: trail
        ? trail.adopted
          ? `the organization trail \`${trail.name}\` is adopted and fixed in place`
          : `the organization trail \`${trail.name}\` is created in account ${state.accountId}`
        : "no organization trail can be planned (see the blockers)",
    },
    failingBefore,
    expectedToPass: blocked ? [] : [...expected].filter((c) => !remaining.has(c)).sort(),
    steps,
    blockers: needs.blockers,
    notes: needs.notes,
    settings,
    organization: {
      organizationId: request.organization.organizationId,
      managementAccountId: request.organization.managementAccountId,
      adminAccountId: state.accountId,
      rootId: request.organization.rootId,
      trail: trail ?? { arn: "", name: "", homeRegion: settings.homeRegion, adopted: false, bucket: null },
      guardrail: guardrail.info,
      duplicates: dupes,
      accountsChecked: request.members.length + 1,
      ...(config?.info ? { configRule: config.info } : {}),
    },
  };
  plan.summary = summarizeOrganizationPlan(plan);
  return plan;
}
