import { getPostureSummary } from "@/lib/read-models/get-posture-summary";
import { FailingPerControlChart } from "@/components/charts/failing-per-control-chart";
import { Card } from "@/components/ui/card";

export async function FailingPerControlCard() {
  const s = await getPostureSummary();
  return (
    <Card
      title="Failing accounts per control"
      description="Errors are collections that failed (last good verdict shown stale). Click a bar for those accounts in the matrix."
      className="h-full"
      testId="failing-per-control"
    >
      <FailingPerControlChart controls={s.perControl} />
    </Card>
  );
}
