import clsx from "clsx";

/** A grey placeholder block while a server widget streams in. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={clsx("animate-pulse rounded bg-slate-200/70", className)} />;
}

/** A card-shaped placeholder of about the widget's height, so the page does not jump. */
export function CardSkeleton({ className, lines = 4 }: { className?: string; lines?: number }) {
  return (
    <div
      role="status"
      aria-label="Loading"
      className={clsx("rounded-lg border border-slate-200 bg-white p-4 shadow-sm", className)}
    >
      <Skeleton className="h-4 w-40" />
      <div className="mt-4 space-y-2">
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className={clsx("h-3", i % 3 === 2 ? "w-2/3" : "w-full")} />
        ))}
      </div>
    </div>
  );
}
