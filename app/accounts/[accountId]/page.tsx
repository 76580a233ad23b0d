import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/roles";
import { getAccountSummary } from "@/lib/read-models/get-account-summary";
import { AccountHeader } from "@/components/accounts/account-header";
import { EvidenceCard } from "@/components/accounts/evidence-card";
import { FindingsCard } from "@/components/accounts/findings-card";
import { HistoryCard } from "@/components/accounts/history-card";
import { RawResponsesCard } from "@/components/accounts/raw-responses-card";
import { TimelineCard } from "@/components/accounts/timeline-card";
import { TrailsCard } from "@/components/accounts/trails-card";
import { VerdictsCard } from "@/components/accounts/verdicts-card";
import { FixFamilyButton } from "@/components/remediation/fix-family-button";
import { CardSkeleton } from "@/components/ui/skeleton";
import { Widget } from "@/components/ui/widget";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ accountId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { accountId } = await params;
  return { title: `Account ${accountId}` };
}

export default async function AccountPage({ params }: Props) {
  const principal = await requirePageRole("viewer");
  const { accountId } = await params;
  if (!/^\d{12}$/.test(accountId)) notFound();
  const summary = await getAccountSummary(accountId);
  if (!summary) notFound();
  return (
    <>
      <AccountHeader a={summary} />
      <div className="-mt-2 mb-4 flex justify-end">
        <FixFamilyButton
          accountId={accountId}
          accountName={summary.name}
          canRemediate={hasRole(principal, "engineer")}
        />
      </div>
      <div className="space-y-4">
        <div id="timeline" className="scroll-mt-20">
          <Widget title="The posture timeline" fallback={<CardSkeleton className="h-[300px]" lines={6} />}>
            <TimelineCard accountId={accountId} />
          </Widget>
        </div>
        <div id="trails" className="scroll-mt-20">
          <Widget title="The trails" fallback={<CardSkeleton lines={8} />}>
            <TrailsCard accountId={accountId} />
          </Widget>
        </div>
        <div id="evidence" className="scroll-mt-20">
          <Widget title="The evidence" fallback={<CardSkeleton lines={6} />}>
            <EvidenceCard accountId={accountId} />
          </Widget>
        </div>
        <div id="verdicts" className="scroll-mt-20">
          <Widget title="The verdicts" fallback={<CardSkeleton lines={14} />}>
            <VerdictsCard accountId={accountId} />
          </Widget>
        </div>
        <div id="findings" className="scroll-mt-20">
          <Widget title="Security Hub findings" fallback={<CardSkeleton lines={8} />}>
            <FindingsCard accountId={accountId} />
          </Widget>
        </div>
        <div id="history" className="scroll-mt-20">
          <Widget title="The collection history" fallback={<CardSkeleton lines={8} />}>
            <HistoryCard accountId={accountId} />
          </Widget>
        </div>
        <div id="raw" className="scroll-mt-20">
          <Widget title="The raw responses" fallback={<CardSkeleton lines={6} />}>
            <RawResponsesCard accountId={accountId} />
          </Widget>
        </div>
      </div>
    </>
  );
}
