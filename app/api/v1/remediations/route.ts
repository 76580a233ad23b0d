// POST /api/v1/remediations — plan or apply a family fix, or the organization fix (engineer and up). Body:
//   { "accountId": "123456789012", "mode": "plan" }                       → 201 { job }: the plan, stored (status "planned")
//   { "accountId": "123456789012", "mode": "apply", "planId": "<uuid>" }  → 202 { jobId, status: "queued", progressUrl, job }
//   { "accountId": "123456789012", "mode": "apply" }                      → plans now and applies that plan at once (automation)
//   { "scope": "organization", "mode": "plan" | "apply", "planId"? }      → the same for the organization trail + guardrail
// Apply with planId runs exactly the plan the user confirmed: 409 plan_stale when the latest
// snapshot or the settings now give another plan; 422 plan_blocked when a safety rule stops it;
// 409 remediation_active while another job of the account is queued or running; 200 with status
// "succeeded" when there is nothing to do. 400 invalid input, 404 unknown or never-collected account.
// Without planId, "alarmEmail" or "alarmTopicArn" answer a plan that asked who the CIS alarms notify
// (its note "alarm-destination-needed"); a confirmed plan keeps the answers it was made with.
// GET /api/v1/remediations[?accountId=ID][&plans=1][&limit=N] — jobs newest first (viewer and up).
import { NextResponse } from "next/server";
import { listRemediations, postRemediationBody } from "@/lib/api/endpoints/remediations";
import { withRole } from "@/lib/auth/guards";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";
import { listRemediationJobs } from "@/lib/read-models/list-remediation-jobs";
import { planRemediation } from "@/lib/remediate/plan/plan-remediation";
import { planOrganizationRemediation } from "@/lib/remediate/plan/organization/plan-organization-remediation";

export const dynamic = "force-dynamic";

function overridesOf(b: { alarmEmail?: string; alarmTopicArn?: string; configRule?: boolean }) {
  if (b.alarmEmail === undefined && b.alarmTopicArn === undefined && b.configRule === undefined) return undefined;
  return {
    ...(b.alarmEmail !== undefined ? { alarmEmail: b.alarmEmail } : {}),
    ...(b.alarmTopicArn !== undefined ? { alarmTopicArn: b.alarmTopicArn } : {}),
    ...(b.configRule !== undefined ? { configRule: b.configRule } : {}),
  };
}

export const POST = withRole("engineer", async (req, { principal }) => {
  const input = postRemediationBody.parse(await req.json());
  const organization = input.scope === "organization";
  if (input.mode === "plan") {
    const planned = organization
      ? await planOrganizationRemediation({ principal, request: req, overrides: overridesOf(input) })
      : await planRemediation({
          accountId: input.accountId!,
          principal,
          request: req,
          overrides: overridesOf(input),
        });
    return NextResponse.json({ job: await getRemediationJob(planned.jobId) }, { status: 201 });
  }
  const applied = await applyRemediation({
    accountId: input.accountId ?? "",
    scope: organization ? "organization" : "account",
    planId: input.planId,
    principal,
    request: req,
    overrides: overridesOf(input),
  });
  const job = await getRemediationJob(applied.jobId);
  const status = applied.status === "queued" ? 202 : 200;
  return NextResponse.json(
    { jobId: applied.jobId, status: applied.status, progressUrl: `/api/v1/remediations/${applied.jobId}`, job },
    { status },
  );
});

export const GET = withRole("viewer", async (req) => {
  const p = req.nextUrl.searchParams;
  const q = listRemediations.query.parse({
    accountId: p.get("accountId") ?? undefined,
    plans: p.get("plans") ?? undefined,
    limit: p.get("limit") ?? undefined,
  });
  return NextResponse.json({
    jobs: await listRemediationJobs({ accountId: q.accountId, includePlans: q.plans === "1", limit: q.limit }),
  });
});
