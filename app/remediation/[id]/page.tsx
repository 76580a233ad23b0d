// /remediation/{id} — one job: its plan as a diff and every step's live outcome.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/roles";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";
import { JobProgress } from "@/components/remediation/job-progress";
import { PlanSummary } from "@/components/remediation/plan-diff";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format-time";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Remediation ${(await params).id.slice(0, 8)}` };
}

export default async function RemediationJobPage({ params }: Props) {
  const principal = await requirePageRole("engineer");
  const job = await getRemediationJob((await params).id);
  if (!job) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/remediation" className="hover:text-slate-900 hover:underline">
          Remediation
        </Link>{" "}
        / <span className="font-mono">{job.id.slice(0, 8)}</span>
      </nav>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">
        {job.mode === "plan" ? "Plan" : "Fix"} for{" "}
        {job.scope === "organization" ? (
          "the organization (organization trail and guardrail)"
        ) : (
          <Link href={`/accounts/${job.accountId}`} className="hover:underline">
            {job.accountName ?? job.accountId}
          </Link>
        )}
      </h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">
        <span className="font-mono">{job.accountId}</span> · requested by {job.requestedBy} · {formatUtc(job.createdAt)}{" "}
        · plan {job.planHash.slice(0, 12)}
      </p>
      <div className="space-y-4">
        <Card title="The plan">
          <PlanSummary plan={job.plan} />
        </Card>
        <Card title="Steps">
          <JobProgress jobId={job.id} initial={job} canAct={hasRole(principal, "engineer")} />
        </Card>
      </div>
    </>
  );
}
