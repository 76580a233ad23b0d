import { CardSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the account">
      <Skeleton className="h-4 w-40" />
      <Skeleton className="mt-2 h-7 w-72" />
      <Skeleton className="mt-2 mb-6 h-4 w-96" />
      <div className="space-y-4">
        <CardSkeleton className="h-[300px]" lines={6} />
        <CardSkeleton lines={8} />
      </div>
    </div>
  );
}
