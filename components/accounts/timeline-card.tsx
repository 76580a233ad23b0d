import { getAccountTimeline } from "@/lib/read-models/get-account-timeline";
import { PostureTimelineChart } from "@/components/charts/posture-timeline-chart";
import { Card } from "@/components/ui/card";

export async function TimelineCard({ accountId }: { accountId: string }) {
  const points = await getAccountTimeline(accountId);
  return (
    <Card
      title="Posture timeline"
      description="Controls passing, failing and in error at each collection over the last year."
      testId="timeline"
    >
      {points.length > 1 ? (
        <PostureTimelineChart points={points} />
      ) : (
        <p className="py-8 text-center text-sm text-slate-500">The timeline appears after a second collection.</p>
      )}
    </Card>
  );
}
