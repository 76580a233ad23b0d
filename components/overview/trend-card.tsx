import { getPostureTrend } from "@/lib/read-models/get-posture-trend";
import { TrendChart } from "@/components/charts/trend-chart";
import { Card } from "@/components/ui/card";

export async function TrendCard() {
  const points = await getPostureTrend();
  return (
    <Card
      title="Passing verdicts over the last 12 months"
      description="Share of applicable verdicts that passed, per day of collection (Trailwarden's own history; Security Hub keeps 90 days)."
      className="h-full"
      testId="trend"
    >
      {points.length > 1 ? (
        <TrendChart points={points} />
      ) : (
        <p className="py-10 text-center text-sm text-slate-500">The trend appears after a second day of collections.</p>
      )}
    </Card>
  );
}
