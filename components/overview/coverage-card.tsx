// Logging coverage, saying where the figure comes from (coverage intervals, or an estimate from
// the current CloudTrail.1 verdicts when the coverage job has not produced any yet).
import { getCoverageShare } from "@/lib/read-models/get-coverage-share";
import { percent, StatCard } from "@/components/ui/stat-card";

export async function CoverageCard() {
  const c = await getCoverageShare();
  if (c.source === "coverage-days") {
    return (
      <StatCard
        label="Logging coverage, last 30 days"
        testId="coverage"
        value={percent(c.share, 1)}
        detail={
          <>
            of account-region time fully recorded{c.partialShare > 0 ? `, ${percent(c.partialShare, 1)} partly` : ""} ·
            from coverage intervals over {c.accountRegions.toLocaleString("en-US")} account-regions
          </>
        }
      />
    );
  }
  return (
    <StatCard
      label="Logging coverage, now"
      testId="coverage"
      value={percent(c.fullyRecorded, c.evaluated)}
      detail={
        <>
          of accounts fully recorded (CloudTrail.1 passing); {c.logging.toLocaleString("en-US")} logging something
          (CloudTrail.3) · estimated from the latest verdicts, no coverage intervals yet
        </>
      }
    />
  );
}
