import { getTimeToFix } from "@/lib/read-models/get-time-to-fix";
import { TimeToFixTable } from "@/components/remediation/time-to-fix-table";
import { Card } from "@/components/ui/card";

export async function TimeToFixCard({ days }: { days: number }) {
  return (
    <Card
      title="Time to fix per control"
      description={`First FAILED verdict of the streak → first PASSED after a remediation (jobs of the last ${days} days).`}
    >
      <TimeToFixTable rows={await getTimeToFix(days)} />
    </Card>
  );
}
