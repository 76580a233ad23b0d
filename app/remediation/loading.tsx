import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <CardSkeleton className="h-[330px]" lines={6} />
      <CardSkeleton className="h-[330px]" lines={8} />
    </div>
  );
}
