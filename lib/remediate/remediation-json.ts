// The zod schemas of a remediation job's JSON columns (RemediationJob.plan and .verification),
// matching lib/remediate/plan/plan-types.ts and verify/verification-types.ts, and their readers.
// Objects are loose so a stored plan is read back exactly as written (its hash must not move).
import { z } from "zod";
import { jsonObjectSchema, jsonValueSchema, readJsonColumn } from "@/lib/db/json/read-json-column";
import { STEP_SERVICES, type RemediationPlan } from "@/lib/remediate/plan/plan-types";
import { planOverridesSchema, remediationSettingsSchema } from "@/lib/remediate/remediation-settings";
import { NEEDS_ATTENTION, VERIFIED } from "@/lib/remediate/verify/job-outcome";
import type { Verification } from "@/lib/remediate/verify/verification-types";

const strings = z.array(z.string());
const issue = z.looseObject({ code: z.string(), message: z.string(), controls: strings });

const step = z.looseObject({
  key: z.string(),
  title: z.string(),
  why: z.string(),
  controls: strings,
  service: z.enum(STEP_SERVICES),
  operation: z.string(),
  region: z.string(),
  targetAccountId: z.string(),
  resource: z.string(),
  action: z.enum(["create", "update", "merge"]),
  changes: z.array(z.looseObject({ attribute: z.string(), from: jsonValueSchema, to: jsonValueSchema })),
  params: jsonObjectSchema,
  organization: z.literal(true).optional(),
});

const organization = z.looseObject({
  organizationId: z.string(),
  managementAccountId: z.string(),
  adminAccountId: z.string(),
  rootId: z.string(),
  trail: z.looseObject({
    arn: z.string(),
    name: z.string(),
    homeRegion: z.string(),
    adopted: z.boolean(),
    bucket: z.string().nullable(),
  }),
  guardrail: z.looseObject({
    policyName: z.string(),
    policyId: z.string().nullable(),
    content: z.string(),
    targets: z.array(z.looseObject({ id: z.string(), attached: z.boolean(), policies: z.number() })),
    scpTypeEnabled: z.boolean(),
  }),
  duplicates: z.array(
    z.looseObject({
      accountId: z.string(),
      accountName: z.string().nullable(),
      trailArn: z.string(),
      homeRegion: z.string(),
    }),
  ),
  accountsChecked: z.number(),
});

export const remediationPlanSchema = z.looseObject({
  schemaVersion: z.literal(1),
  accountId: z.string(),
  snapshotId: z.string().nullable(),
  collectedAt: z.string(),
  status: z.enum(["empty", "ready", "blocked"]),
  summary: z.string(),
  strategy: z.looseObject({
    kind: z.enum(["none", "organization-trail", "reuse-trail", "convert-trail", "create-trail"]),
    trailArn: z.string().nullable(),
    trailName: z.string().nullable(),
    ownerAccountId: z.string().nullable(),
    homeRegion: z.string().nullable(),
    summary: z.string(),
  }),
  failingBefore: z.array(z.looseObject({ controlId: z.string(), status: z.string(), reason: z.string() })),
  expectedToPass: strings,
  steps: z.array(step),
  blockers: z.array(issue),
  notes: z.array(issue),
  settings: remediationSettingsSchema,
  overrides: planOverridesSchema.optional(),
  scope: z.enum(["account", "organization"]).optional(),
  organization: organization.optional(),
}) satisfies z.ZodType<RemediationPlan>;

const verifiedControl = z.looseObject({ controlId: z.string(), status: z.string(), reason: z.string() });

const verifiedSchema = z.looseObject({
  outcome: z.enum([VERIFIED, NEEDS_ATTENTION, "still failing", "not verified"]),
  checkedAt: z.string(),
  snapshotId: z.string().nullable(),
  collectedAt: z.string().nullable(),
  collection: z.string(),
  passing: strings,
  failing: z.array(verifiedControl),
  caveats: z.array(verifiedControl),
  actions: z.array(z.looseObject({ controls: strings, action: z.string() })).optional(),
  replan: z.looseObject({ status: z.string(), steps: z.number(), summary: z.string() }).nullable(),
  note: z.string(),
}) satisfies z.ZodType<Verification>;

/** A job whose plan was empty is stored as done with nothing to verify. */
export type StoredVerification = Verification | { outcome: "nothing to do"; summary: string };

export const verificationSchema = z.union([
  verifiedSchema,
  z.looseObject({ outcome: z.literal("nothing to do"), summary: z.string() }),
]) satisfies z.ZodType<StoredVerification>;

/** RemediationJob.plan: the plan the job was made from (and applies). */
export function readPlan(row: { id: string; plan: unknown }): RemediationPlan {
  return readJsonColumn(remediationPlanSchema, row.plan, { table: "remediation_jobs", column: "plan", rowId: row.id });
}

/** RemediationJob.verification: null until the job was verified. */
export function readVerification(row: { id: string; verification: unknown }): StoredVerification | null {
  if (row.verification === null) return null;
  return readJsonColumn(verificationSchema, row.verification, {
    table: "remediation_jobs",
    column: "verification",
    rowId: row.id,
  });
}

const stepOutputSchema = z.looseObject({
  changed: z.boolean().optional(),
  result: jsonValueSchema.optional(),
  calls: z.unknown().optional(),
});
export type StepOutput = z.infer<typeof stepOutputSchema>;

/** RemediationStep.output: what the executor recorded (null until the step ran). */
export function readStepOutput(row: { id: string; output: unknown }): StepOutput | null {
  if (row.output === null) return null;
  return readJsonColumn(stepOutputSchema, row.output, { table: "remediation_steps", column: "output", rowId: row.id });
}
