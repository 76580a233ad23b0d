import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/auth/guards";
import { parseCoveragePeriod } from "@/lib/coverage/parse-period";
import { AppError } from "@/lib/errors";
import { CoverageSummaryPanel } from "./_components/coverage-summary-panel";
import { PeriodForm } from "./_components/period-form";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePageRole("auditor");
  const params = await searchParams;
  let period: { from: string; to: string } | null = null;
  let error: string | null = null;
  try {
    const p = parseCoveragePeriod({ from: params.from, to: params.to });
    period = { from: p.fromDay, to: p.toDay };
  } catch (err) {
    error = err instanceof AppError ? err.message : "Invalid period";
  }
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-xl font-semibold">Logging-coverage report</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Which account and region was recorded, when, and every gap, built from Trailwarden&apos;s own snapshots and
          CloudTrail&apos;s logging timestamps (Security Hub keeps only 90 days). PCI DSS v4 10.5.1 asks for twelve
          months.
        </p>
      </header>
      <PeriodForm from={period?.from ?? params.from ?? ""} to={period?.to ?? params.to ?? ""} error={error} />
      {period && (
        <Suspense
          key={`${period.from}:${period.to}`}
          fallback={<div className="h-64 animate-pulse rounded-lg bg-slate-200" aria-label="Loading report" />}
        >
          <CoverageSummaryPanel from={period.from} to={period.to} />
        </Suspense>
      )}
    </div>
  );
}
