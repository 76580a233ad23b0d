import { MatrixSkeleton } from "@/app/matrix/_components/matrix-skeleton";

export default function Loading() {
  return <MatrixSkeleton />;
}
