// "How much of the organization is recorded?" From the coverage intervals (CoverageDay) when the
// coverage job has produced any for the last 30 days; otherwise estimated from the current
// CloudTrail.1 verdicts. The result says which, and the overview says it in words.
import "server-only";
import { db } from "@/lib/db";
import { controlIndex } from "@/lib/views/control-columns";
import { getLatestStatuses } from "@/lib/read-models/get-latest-statuses";

export type CoverageShare =
  | { source: "coverage-days"; days: number; share: number; partialShare: number; accountRegions: number }
  | { source: "latest-verdicts"; share: number; logging: number; fullyRecorded: number; evaluated: number };

interface Row {
  recorded: bigint | null;
  partial: bigint | null;
  total: bigint | null;
  account_regions: bigint;
}

const DAYS = 30;

export async function getCoverageShare(): Promise<CoverageShare> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT sum(recorded_seconds) AS recorded, sum(partial_seconds) AS partial,
           sum(recorded_seconds + partial_seconds + not_recorded_seconds + unknown_seconds) AS total,
           count(DISTINCT (account_id, region)) AS account_regions
    FROM coverage_days WHERE day >= (now() AT TIME ZONE 'UTC')::date - ${DAYS}::int`;
  const total = Number(row?.total ?? 0);
  if (row && total > 0) {
    return {
      source: "coverage-days",
      days: DAYS,
      share: Number(row.recorded ?? 0) / total,
      partialShare: Number(row.partial ?? 0) / total,
      accountRegions: Number(row.account_regions),
    };
  }
  // Fallback: CloudTrail.1 passing means a logging multi-region trail records all management
  // events; CloudTrail.3 passing alone means something is recorded.
  const index = controlIndex();
  const ct1 = index.get("CloudTrail.1") ?? 0;
  const ct3 = index.get("CloudTrail.3") ?? 2;
  let evaluated = 0;
  let fullyRecorded = 0;
  let logging = 0;
  for (const a of await getLatestStatuses()) {
    const c1 = a.cells[ct1];
    const c3 = a.cells[ct3];
    if (!c1 || c1 === ".") continue;
    evaluated++;
    if (c1 === "P") fullyRecorded++;
    if (c3 === "P") logging++;
  }
  return {
    source: "latest-verdicts",
    share: evaluated ? fullyRecorded / evaluated : 0,
    logging,
    fullyRecorded,
    evaluated,
  };
}
