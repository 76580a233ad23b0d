import { Skeleton } from "@/components/ui/skeleton";

export function MatrixSkeleton() {
  return (
    <div role="status" aria-label="Loading the matrix">
      <div className="mb-3 flex gap-3">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-9 w-52" />
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-9 w-44" />
      </div>
      <Skeleton className="mb-3 h-7 w-[36rem]" />
      <div className="rounded-lg border border-slate-200 bg-white p-2">
        <Skeleton className="mb-2 h-16 w-full" />
        {Array.from({ length: 14 }, (_, i) => (
          <Skeleton key={i} className="mb-1.5 h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
