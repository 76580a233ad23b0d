import { getFailingBurnDown } from "@/lib/read-models/get-failing-burn-down";
import { BurnDownChart } from "@/components/remediation/burn-down-chart";
import { Card } from "@/components/ui/card";

export async function BurnDownCard({ days }: { days: number }) {
  const points = await getFailingBurnDown(days);
  return (
    <Card
      title={`Failing controls, last ${days} days`}
      description="FAILED verdicts of every account's latest snapshot at the end of each day, and the remediations finished that day."
      testId="burn-down"
    >
      {points.some((p) => p.failing > 0 || p.remediations > 0) ? (
        <BurnDownChart points={points} />
      ) : (
        <p className="py-10 text-center text-sm text-slate-500">No failing verdicts in this period.</p>
      )}
    </Card>
  );
}
