// The headline: how many accounts pass the whole control family, and each half of it.
import { getPostureSummary } from "@/lib/read-models/get-posture-summary";
import type { FamilyShare } from "@/lib/read-models/summarize-posture";
import { percent, StatCard } from "@/components/ui/stat-card";

export async function FamilyShareCards() {
  const s = await getPostureSummary();
  const card = (label: string, share: FamilyShare, testId: string) => (
    <StatCard
      label={label}
      testId={testId}
      value={percent(share.passing, share.evaluated)}
      tone={share.evaluated && share.passing === share.evaluated ? "good" : "neutral"}
      detail={
        <>
          {share.passing.toLocaleString("en-US")} of {share.evaluated.toLocaleString("en-US")} accounts
          {share.onlyNoData ? (
            <span className="block text-xs text-slate-500">
              {share.onlyNoData.toLocaleString("en-US")} more fail nothing but lack evidence for a control (no data)
            </span>
          ) : null}
        </>
      }
    />
  );
  return (
    <>
      {card("Whole family passing", s.whole, "share-whole")}
      {card("CloudTrail.1–10 passing", s.cloudTrail, "share-cloudtrail")}
      {card("CIS alarms (CloudWatch.1–14) passing", s.cloudWatch, "share-cloudwatch")}
    </>
  );
}
