// /remediation — progress for managers: the organization fix entry, every remediation job, failing
// controls over time, and time to fix per control (?days=30|90|180 sets the period).
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { Widget } from "@/components/ui/widget";
import { BurnDownCard } from "@/app/remediation/_components/burn-down-card";
import { JobsCard } from "@/app/remediation/_components/jobs-card";
import { OrganizationCard } from "@/app/remediation/_components/organization-card";
import { TimeToFixCard } from "@/app/remediation/_components/time-to-fix-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Remediation" };

export default async function RemediationPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  await requirePageRole("engineer");
  const requested = Number((await searchParams).days);
  const days = [30, 90, 180].includes(requested) ? requested : 30;
  return (
    <>
      <PageHeader
        title="Remediation"
        description="What was failing, what was fixed, by whom and how fast. Fixes are verified by re-collecting the account; Security Hub catches up within a day."
      />
      <div className="mb-4">
        <OrganizationCard />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Widget title="Failing controls over time" fallback={<CardSkeleton className="h-[330px]" lines={6} />}>
          <BurnDownCard days={days} />
        </Widget>
        <Widget title="Time to fix" fallback={<CardSkeleton className="h-[330px]" lines={8} />}>
          <TimeToFixCard days={Math.max(days, 90)} />
        </Widget>
      </div>
      <div className="mt-4">
        <Widget title="Remediation jobs" fallback={<CardSkeleton lines={10} />}>
          <JobsCard />
        </Widget>
      </div>
    </>
  );
}
