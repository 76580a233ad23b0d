import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/roles";
import { PageHeader } from "@/components/ui/page-header";
import { MatrixLoader } from "@/app/matrix/_components/matrix-loader";
import { MatrixSkeleton } from "@/app/matrix/_components/matrix-skeleton";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Matrix" };

export default async function MatrixPage() {
  const principal = await requirePageRole("viewer");
  return (
    <>
      <PageHeader
        title="Control matrix"
        description="Every account against the CloudTrail family and the CIS CloudWatch alarms. Hover a cell for its reason; click it or press Enter for the evidence and Security Hub's finding."
      />
      <Suspense fallback={<MatrixSkeleton />}>
        <MatrixLoader canRemediate={hasRole(principal, "engineer")} />
      </Suspense>
    </>
  );
}
