import { listRemediationJobs } from "@/lib/read-models/list-remediation-jobs";
import { JobsTable } from "@/components/remediation/jobs-table";
import { Card } from "@/components/ui/card";

export async function JobsCard() {
  const jobs = await listRemediationJobs({ limit: 200 });
  return (
    <Card
      title="Remediation jobs"
      description="Every applied fix, newest first: who asked, how it went, how long it took."
    >
      <JobsTable jobs={jobs} />
    </Card>
  );
}
