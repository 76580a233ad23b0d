// POST /api/v1/remediations/{id}/cancel — stop a job before its next step (engineer and up).
// 200 { status: "cancelled", job }; 404 no such job; 409 the job already ended. Audited.
import { NextResponse } from "next/server";
import { cancelRemediationEndpoint } from "@/lib/api/endpoints/remediations";
import { withRole } from "@/lib/auth/guards";
import { uuidOrNotFound } from "@/lib/api/uuid-param";
import { cancelRemediation } from "@/lib/remediate/apply/cancel-remediation";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";

export const dynamic = "force-dynamic";

export const POST = withRole("engineer", async (req, { params, principal }) => {
  const { id: raw } = cancelRemediationEndpoint.params.parse(await params);
  const id = uuidOrNotFound(raw, "Remediation job");
  const result = await cancelRemediation({ jobId: id, principal, request: req });
  return NextResponse.json({ ...result, job: await getRemediationJob(id) });
});
