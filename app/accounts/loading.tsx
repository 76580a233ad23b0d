import { CardSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading accounts">
      <Skeleton className="mb-6 h-7 w-40" />
      <CardSkeleton lines={12} />
    </div>
  );
}
