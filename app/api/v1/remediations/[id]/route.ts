// GET /api/v1/remediations/{id} — one job with its plan, every step's outcome (status, times, AWS
// request id, error), progress and verification (viewer and up). 404 when there is no such job.
import { NextResponse } from "next/server";
import { getRemediation } from "@/lib/api/endpoints/remediations";
import { withRole } from "@/lib/auth/guards";
import { uuidOrNotFound } from "@/lib/api/uuid-param";
import { NotFoundError } from "@/lib/errors";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async (_req, { params }) => {
  const { id: raw } = getRemediation.params.parse(await params);
  const id = uuidOrNotFound(raw, "Remediation job");
  const job = await getRemediationJob(id);
  if (!job) throw new NotFoundError(`Remediation job ${id} does not exist`);
  return NextResponse.json(job, { headers: { "cache-control": "no-store" } });
});
