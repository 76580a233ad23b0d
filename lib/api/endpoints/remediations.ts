// Remediation: plan or apply the whole-family fix for one account, follow, cancel and retry jobs.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { accountIdSchema, isoTime, sameShape } from "@/lib/api/endpoints/common";
import { STEP_SERVICES, type JsonValue } from "@/lib/remediate/plan/plan-types";
import { planOverridesSchema } from "@/lib/remediate/remediation-settings";
import { NEEDS_ATTENTION, VERIFIED } from "@/lib/remediate/verify/job-outcome";
import type { RemediationJobRow } from "@/lib/read-models/list-remediation-jobs";
import type { RemediationJobView } from "@/lib/views/remediation-view";

/** Any JSON value (recursive, so it is one named schema in the document). */
const jsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
  )
  .meta({ id: "JsonValue" });
const issue = z.object({ code: z.string(), message: z.string(), controls: z.array(z.string()) });
const verdict = z.object({ controlId: z.string(), status: z.string(), reason: z.string() });

const scope = z.enum(["account", "organization"]);

const organizationPlanSchema = z
  .object({
    organizationId: z.string(),
    managementAccountId: z.string(),
    adminAccountId: z.string().describe("the account that owns the organization trail"),
    rootId: z.string(),
    trail: z.object({
      arn: z.string(),
      name: z.string(),
      homeRegion: z.string(),
      adopted: z.boolean(),
      bucket: z.string().nullable(),
    }),
    guardrail: z.object({
      policyName: z.string(),
      policyId: z.string().nullable().describe("null: the plan creates it"),
      content: z.string(),
      targets: z.array(z.object({ id: z.string(), attached: z.boolean(), policies: z.number() })),
      scpTypeEnabled: z.boolean(),
    }),
    duplicates: z.array(
      z.object({
        accountId: z.string(),
        accountName: z.string().nullable(),
        trailArn: z.string(),
        homeRegion: z.string(),
      }),
    ),
    accountsChecked: z.number(),
    configRule: z
      .object({
        name: z.string(),
        region: z.string(),
        exists: z.boolean().describe("an organization Config rule already runs multi-region-cloudtrail-enabled"),
        status: z.string().nullable().describe("AWS Config's deployment status of the existing rule"),
        trustedAccess: z.boolean(),
        failedAccounts: z.array(z.string()).describe("accounts where AWS Config could not deploy it"),
      })
      .optional()
      .describe("the optional AWS Config rule; absent when the option is off"),
  })
  .meta({ id: "OrganizationPlan" });

const stepSchema = z.object({
  key: z.string(),
  index: z.number(),
  title: z.string(),
  why: z.string(),
  controls: z.array(z.string()),
  service: z.enum(STEP_SERVICES),
  operation: z.string().describe("the SDK command without its Command suffix, e.g. UpdateTrail"),
  region: z.string(),
  targetAccountId: z.string(),
  resource: z.string(),
  action: z.enum(["create", "update", "merge"]),
  changes: z.array(z.object({ attribute: z.string(), from: jsonValue, to: jsonValue })),
  params: z.record(z.string(), jsonValue).describe("the exact API input"),
  organization: z.literal(true).optional().describe("a step of the organization fix"),
  status: z.string(),
  changed: z.boolean().nullable().describe("null until the step ran; false when everything was in place"),
  requestId: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});

const verificationSchema = z.union([
  z.object({
    outcome: z.enum([VERIFIED, NEEDS_ATTENTION, "still failing", "not verified"]),
    checkedAt: isoTime,
    snapshotId: z.string().nullable(),
    collectedAt: isoTime.nullable(),
    collection: z.string(),
    passing: z.array(z.string()),
    failing: z.array(verdict),
    caveats: z.array(verdict),
    actions: z.array(z.object({ controls: z.array(z.string()), action: z.string() })).optional(),
    replan: z.object({ status: z.string(), steps: z.number(), summary: z.string() }).nullable(),
    note: z.string(),
  }),
  z.object({ outcome: z.literal("nothing to do"), summary: z.string() }),
]);

export const remediationJobSchema = sameShape<RemediationJobView>()(
  z
    .object({
      id: z.string(),
      accountId: z.string(),
      accountName: z.string().nullable(),
      mode: z.string(),
      scope: scope.describe("organization: the organization fix (the job's account owns the organization trail)"),
      status: z.string(),
      active: z.boolean().describe("queued, running or verifying: keep polling"),
      requestedBy: z.string(),
      createdAt: isoTime,
      startedAt: isoTime.nullable(),
      finishedAt: isoTime.nullable(),
      durationMs: z.number().nullable(),
      planHash: z.string(),
      snapshotId: z.string().nullable(),
      error: z.string().nullable(),
      plan: z.object({
        status: z.enum(["empty", "ready", "blocked"]),
        summary: z.string(),
        strategy: z.object({
          kind: z.enum(["none", "organization-trail", "reuse-trail", "convert-trail", "create-trail"]),
          trailArn: z.string().nullable(),
          trailName: z.string().nullable(),
          ownerAccountId: z.string().nullable(),
          homeRegion: z.string().nullable(),
          summary: z.string(),
        }),
        failingBefore: z.array(verdict),
        expectedToPass: z.array(z.string()),
        blockers: z.array(issue),
        notes: z.array(issue),
        collectedAt: isoTime,
        organization: organizationPlanSchema.nullable(),
      }),
      steps: z.array(stepSchema),
      progress: z.object({
        total: z.number(),
        succeeded: z.number(),
        failed: z.number(),
        skipped: z.number(),
        running: z.number(),
      }),
      verification: verificationSchema.nullable(),
      failingBefore: z.array(z.string()),
      failingAfter: z.array(z.string()),
    })
    .meta({ id: "RemediationJob" }),
);

const jobRowSchema = sameShape<RemediationJobRow>()(
  z
    .object({
      id: z.string(),
      accountId: z.string(),
      accountName: z.string().nullable(),
      mode: z.string(),
      scope,
      status: z.string(),
      active: z.boolean(),
      requestedBy: z.string(),
      createdAt: isoTime,
      startedAt: isoTime.nullable(),
      finishedAt: isoTime.nullable(),
      durationMs: z.number().nullable(),
      summary: z.string(),
      outcome: z
        .string()
        .describe("verified, actions left to a person, controls still failing, the error, or the plan's state"),
      steps: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }),
      failingBefore: z.number(),
      failingAfter: z.number(),
    })
    .meta({ id: "RemediationJobRow" }),
);

export const postRemediationBody = z
  .object({
    accountId: accountIdSchema.optional(),
    scope: scope.optional(),
    mode: z.enum(["plan", "apply"]),
    planId: z.uuid().optional(),
  })
  .extend(planOverridesSchema.shape)
  .strict()
  .superRefine((b, ctx) => {
    const organization = b.scope === "organization";
    if (organization && b.accountId !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["accountId"],
        message:
          "the organization fix takes no accountId (its plan names the account that owns the organization trail)",
      });
    if (!organization && b.accountId === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["accountId"],
        message: 'accountId is required (or "scope": "organization" for the organization fix)',
      });
  })
  .refine((b) => b.mode === "apply" || b.planId === undefined, {
    message: 'planId is only accepted with mode "apply"',
    path: ["planId"],
  })
  .refine((b) => b.planId === undefined || (b.alarmEmail === undefined && b.alarmTopicArn === undefined), {
    message: "a confirmed plan (planId) keeps the alarm destination it was made with; plan again to change it",
    path: ["planId"],
  })
  .refine((b) => b.planId === undefined || b.configRule === undefined, {
    message: "a confirmed plan (planId) keeps its AWS Config rule choice; plan again to change it",
    path: ["planId"],
  })
  .refine((b) => b.configRule === undefined || b.scope === "organization", {
    message: 'configRule belongs to the organization fix ("scope": "organization")',
    path: ["configRule"],
  });

const applied = z.object({
  jobId: z.string(),
  status: z.string(),
  progressUrl: z.string(),
  job: remediationJobSchema.nullable(),
});

export const postRemediation = defineEndpoint({
  method: "post",
  path: "/api/v1/remediations",
  summary: "Plan, or apply, the whole-family fix for one account, or the organization fix",
  description:
    '`{accountId, mode: "plan"}` stores and returns the plan (201). `{accountId, mode: "apply", planId}` applies ' +
    'exactly that confirmed plan (202; 409 plan_stale if the account changed). `{accountId, mode: "apply"}` ' +
    "plans and applies at once. `alarmEmail` or `alarmTopicArn` (not with planId) say who the CIS alarms notify; " +
    "`configRule` (organization fix, not with planId) adds or leaves out AWS Config's organization rule " +
    "multi-region-cloudtrail-enabled for this plan (default: the organization.configRule setting, off). " +
    '`{scope: "organization", mode, planId?}` does the same for the organization fix: one organization trail ' +
    "(adopted and fixed, or created in the management account or CloudTrail's delegated administrator) and the " +
    "guardrail SCP trailwarden-protect-cloudtrail; 422 plan_blocked when a guardrail target already holds five SCPs.",
  role: "engineer",
  body: postRemediationBody,
  bodyRequired: true,
  responses: {
    200: { description: "nothing to do", schema: applied },
    201: { description: "plan stored", schema: z.object({ job: remediationJobSchema.nullable() }) },
    202: { description: "apply queued", schema: applied },
  },
  errors: [400, 401, 403, 404, 409, 422],
});

export const listRemediations = defineEndpoint({
  method: "get",
  path: "/api/v1/remediations",
  summary: "Remediation jobs, newest first",
  role: "viewer",
  query: z.object({
    accountId: accountIdSchema.optional(),
    plans: z.enum(["0", "1"]).optional().describe("1: include plan-only jobs"),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  responses: { 200: { description: "jobs", schema: z.object({ jobs: z.array(jobRowSchema) }) } },
  errors: [400, 401, 403],
});

const jobId = z.object({ id: z.string().describe("a remediation job id (UUID)") });

export const getRemediation = defineEndpoint({
  method: "get",
  path: "/api/v1/remediations/{id}",
  summary: "A remediation job: plan, steps with outcomes, verification",
  role: "viewer",
  params: jobId,
  responses: { 200: { description: "job", schema: remediationJobSchema } },
  errors: [400, 401, 403, 404],
});

export const cancelRemediationEndpoint = defineEndpoint({
  method: "post",
  path: "/api/v1/remediations/{id}/cancel",
  summary: "Stop a job before its next step",
  role: "engineer",
  params: jobId,
  responses: {
    200: { description: "cancelled", schema: z.object({ status: z.string(), job: remediationJobSchema.nullable() }) },
  },
  errors: [400, 401, 403, 404, 409],
});

export const retryRemediationEndpoint = defineEndpoint({
  method: "post",
  path: "/api/v1/remediations/{id}/retry",
  summary: "Continue a failed job from the step that failed, or verify a needs-attention job again",
  role: "engineer",
  params: jobId,
  responses: {
    202: {
      description: "queued",
      schema: z.object({ status: z.string(), fromStep: z.number().nullable(), job: remediationJobSchema.nullable() }),
    },
  },
  errors: [400, 401, 403, 404, 409],
});
