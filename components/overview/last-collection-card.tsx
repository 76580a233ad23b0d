import Link from "next/link";
import { getLatestCollectionView } from "@/lib/read-models/collection-progress";
import { CollectionPanel } from "@/components/overview/collection-panel";
import { Card } from "@/components/ui/card";

export async function LastCollectionCard({ canCollect, fill = false }: { canCollect: boolean; fill?: boolean }) {
  const latest = await getLatestCollectionView();
  return (
    <Card
      title="Last collection"
      action={
        <Link href="/accounts" className="text-xs font-medium text-sky-800 hover:underline">
          Accounts →
        </Link>
      }
      className={fill ? "h-full" : undefined}
      testId="last-collection"
    >
      <CollectionPanel initial={latest} canCollect={canCollect} />
    </Card>
  );
}
