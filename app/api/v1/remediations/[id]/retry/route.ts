// POST /api/v1/remediations/{id}/retry — continue a failed job from the step that failed
// (engineer and up). 202 { status: "queued", fromStep, job }; 404 no such job; 409 not a failed
// apply, or another job of the account is active. Audited as remediation.apply.
import { NextResponse } from "next/server";
import { retryRemediationEndpoint } from "@/lib/api/endpoints/remediations";
import { withRole } from "@/lib/auth/guards";
import { uuidOrNotFound } from "@/lib/api/uuid-param";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";
import { retryRemediation } from "@/lib/remediate/apply/retry-remediation";

export const dynamic = "force-dynamic";

export const POST = withRole("engineer", async (req, { params, principal }) => {
  const { id: raw } = retryRemediationEndpoint.params.parse(await params);
  const id = uuidOrNotFound(raw, "Remediation job");
  const result = await retryRemediation({ jobId: id, principal, request: req });
  return NextResponse.json({ ...result, job: await getRemediationJob(id) }, { status: 202 });
});
