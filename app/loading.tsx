import { CardSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-6 h-7 w-48" />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[1, 2, 3, 4].map((i) => (
          <CardSkeleton key={i} lines={2} />
        ))}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <CardSkeleton className="lg:col-span-2" lines={8} />
        <CardSkeleton lines={8} />
      </div>
    </div>
  );
}
