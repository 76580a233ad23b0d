import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/roles";
import { hasAccounts } from "@/lib/read-models/has-accounts";
import { NoAccounts } from "@/components/empty-state/no-accounts";
import { CoverageCard } from "@/components/overview/coverage-card";
import { FailingPerControlCard } from "@/components/overview/failing-per-control-card";
import { FamilyShareCards } from "@/components/overview/family-share-cards";
import { IntegrityCard } from "@/components/overview/integrity-card";
import { LastCollectionCard } from "@/components/overview/last-collection-card";
import { TrendCard } from "@/components/overview/trend-card";
import { WorstAccountsCard } from "@/components/overview/worst-accounts-card";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { Widget } from "@/components/ui/widget";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const principal = await requirePageRole("viewer");
  const canCollect = hasRole(principal, "engineer");
  if (!(await hasAccounts())) {
    return (
      <>
        <PageHeader title="Overview" />
        <div className="grid items-start gap-4 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <NoAccounts />
          </div>
          <Widget title="The last collection" fallback={<CardSkeleton lines={3} />}>
            <LastCollectionCard canCollect={canCollect} />
          </Widget>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Overview"
        description="CloudTrail posture across the organization, from the latest collection of every account."
      />
      <div className="mb-4">
        <Widget title="Log integrity" fallback={<CardSkeleton lines={2} />}>
          <IntegrityCard />
        </Widget>
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Widget
          title="The passing shares"
          fallback={[1, 2, 3].map((i) => (
            <CardSkeleton key={i} lines={2} />
          ))}
        >
          <FamilyShareCards />
        </Widget>
        <Widget title="Coverage" fallback={<CardSkeleton lines={2} />}>
          <CoverageCard />
        </Widget>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Widget title="Failing accounts per control" fallback={<CardSkeleton className="h-[352px]" lines={8} />}>
            <FailingPerControlCard />
          </Widget>
        </div>
        <Widget title="The last collection" fallback={<CardSkeleton className="h-[352px]" lines={6} />}>
          <LastCollectionCard canCollect={canCollect} fill />
        </Widget>
        <div className="lg:col-span-2">
          <Widget title="The trend" fallback={<CardSkeleton className="h-[312px]" lines={7} />}>
            <TrendCard />
          </Widget>
        </div>
        <Widget title="The worst accounts" fallback={<CardSkeleton className="h-[312px]" lines={7} />}>
          <WorstAccountsCard />
        </Widget>
      </div>
    </>
  );
}
