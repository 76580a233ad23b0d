// The method and framework references every report carries, in plain words. This text is the
// specification an auditor reads: keep it in step with build-intervals.ts and judge-window.ts.
import { MAX_BRIDGE_SECONDS } from "@/lib/coverage/build-intervals";

export interface FrameworkReference {
  id: string;
  title: string;
  relevance: string;
}

export const FRAMEWORK_REFERENCES: FrameworkReference[] = [
  {
    id: "CIS AWS Foundations Benchmark v5.0.0 3.1, 3.2 (v1.4.0 3.1, 3.2)",
    title: "CloudTrail enabled in all regions; CloudTrail log file validation enabled",
    relevance:
      "Coverage per account and region shows where a multi-region trail logged all management events, hour by hour where digests prove it.",
  },
  {
    id: "PCI DSS v4.0.1 10.2",
    title: "Audit logs are implemented to support the detection of anomalies and suspicious activity",
    relevance: "Shows that audit logs were generated for every account and region, and dates every interruption.",
  },
  {
    id: "PCI DSS v4.0.1 10.3",
    title: "Audit logs are protected from destruction and unauthorized modifications",
    relevance:
      "CloudTrail's signed digest chain is validated: every digest, missing digest and modified or missing log file is named by its S3 key.",
  },
  {
    id: "PCI DSS v4.0.1 10.5.1",
    title:
      "Retain audit log history for at least 12 months, with at least the most recent three months immediately available",
    relevance:
      "The default report period is the twelve months ending yesterday; every interval not proven recorded is listed.",
  },
  {
    id: "NIST SP 800-53 AU-9",
    title: "Protection of audit information",
    relevance: "Integrity of the delivered log files and digests, validated as `aws cloudtrail validate-logs` does.",
  },
  {
    id: "NIST SP 800-53 AU-11",
    title: "Audit record retention",
    relevance: "Shows for which part of the retention period CloudTrail recorded the account's management events.",
  },
  {
    id: "NIST SP 800-53 AU-12",
    title: "Audit record generation",
    relevance: "Shows that audit records were generated in every account and region, and dates each interruption.",
  },
];

const hours = MAX_BRIDGE_SECONDS / 3600;

export const METHOD_TEXT = [
  "Scope. Every account of the organization known to Trailwarden, and every region our collector considered for it " +
    "(the account's enabled regions, or the configured region list).",
  "Recorded means that at that moment some CloudTrail trail applying to the region was logging all read and write " +
    "management events with no event source excluded. A multi-region trail applies to every region; a single-region " +
    "trail only to its home region; the organization trail applies to every member account. Selectors count as in " +
    "AWS Security Hub CloudTrail.1: a basic selector with ReadWriteType All, management events included and no " +
    "excluded sources, or an advanced selector on eventCategory Management with no readOnly and no eventSource " +
    "condition; a trail whose selectors were never set logs all management events (AWS's default).",
  "Partial means a trail was logging management events but only the write (or only the read) events, or with event " +
    "sources excluded. Not recorded means no applicable trail was logging management events: no trail, logging " +
    "stopped, trail deleted, management events not selected, or the only trail is single-region elsewhere. Unknown " +
    "means we hold no evidence: before the first successful collection, or while collections failed.",
  "Evidence. Trailwarden stores a snapshot of each account's CloudTrail configuration at every collection. Between " +
    "two successful collections, changes are dated by CloudTrail's own status times: StopLoggingTime dates when " +
    "logging stopped and StartLoggingTime when it resumed, so an interruption that began and ended between two " +
    'collections is reported to the second (marked "dated by AWS"). Changes AWS does not date (a trail deleted, ' +
    "selectors or the multi-region flag changed) are bounded by our collections and counted against coverage: a " +
    'degradation from the earlier collection, an improvement only from the later one (marked "bounded by ' +
    'snapshots"). Only the latest stop and start are visible, so several interruptions in one interval count as ' +
    "one from the earliest instant we cannot vouch for.",
  `Failed collections carry no evidence. If the successful collections around them are at most ${hours} hours apart, ` +
    "the interval is judged from those two collections and CloudTrail's times as above. If they are further apart, " +
    `coverage is claimed only up to the first failed collection (or for ${hours} hours when none ran) and the rest ` +
    "of the interval is unknown. Nothing is claimed before an account's first or after its last collection.",
  "Figures. Each percentage is the share of the period's seconds (whole UTC days, from the first day at 00:00 to " +
    "the end of the last day) in that state, per account and region; an account's figure is the average over its " +
    "regions. Percentages are rounded to hundredths so that the four shares of a region add up to 100. Gaps are " +
    "clipped to the period; a gap's bound says whether both of its ends were dated by AWS.",
  "Integrity of this report. Its files are listed with their SHA-256 digests in the accompanying manifest.",
].join("\n\n");
