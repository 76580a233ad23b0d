// Verdicts for a fixture profile, worded like the evaluator's (lib/controls), so pages are seen
// with realistic reasons and evidence. Not an evaluator: the fixtures only need to be plausible.
import { CIS_METRIC_FILTERS } from "@/lib/controls/cis-patterns";
import {
  CLOUDTRAIL_CONTROL_IDS,
  CLOUDWATCH_CONTROL_IDS,
  type ControlId,
  type VerdictStatus,
} from "@/lib/controls/types";
import {
  CENTRAL_BUCKET,
  LOG_ARCHIVE_ID,
  MANAGEMENT_ID,
  type AccountProfile,
  type OwnTrailProfile,
} from "./fixture-profiles";

export const ALL_CONTROL_IDS: readonly ControlId[] = [...CLOUDTRAIL_CONTROL_IDS, ...CLOUDWATCH_CONTROL_IDS];

export interface FixtureVerdict {
  controlId: ControlId;
  status: VerdictStatus;
  reason: string;
  evidence: string[];
}

interface Trail {
  label: string;
  arn: string;
  multiRegion: boolean;
  logging: boolean;
  logsAll: boolean;
  selectorWords: string;
  kms: boolean;
  validation: boolean;
  cloudWatchLogs: boolean;
  deliveryError: boolean;
  cisCovered: number;
  logGroupArn: string;
  bucket: string;
  bucketLogging: boolean;
  bucketPublic: boolean;
  bucketOutsideOrg: boolean;
  ownerTag: boolean;
  credited: boolean;
}

export function orgTrailArn(): string {
  return `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ID}:trail/org-trail`;
}

function selectorWords(s: OwnTrailProfile["selectors"]): { logsAll: boolean; words: string } {
  switch (s) {
    case "all-basic":
    case "all-advanced":
      return { logsAll: true, words: "records all read and write management events" };
    case "default":
      return {
        logsAll: true,
        words:
          "records all read and write management events (event selectors never set: AWS's default logs all management events)",
      };
    case "write-only":
      return { logsAll: false, words: "logs write-only management events" };
    case "split-read-write":
      return {
        logsAll: false,
        words:
          "logs read-only and write-only management events in separate event selectors, which do not add up (one selector must log both)",
      };
  }
}

export function applicableTrails(p: AccountProfile): Trail[] {
  const trails: Trail[] = [];
  if (p.ownTrail) {
    const t = p.ownTrail;
    const sel = selectorWords(t.selectors);
    trails.push({
      label: `trail \`${t.name}\` in ${t.homeRegion}`,
      arn: `arn:aws:cloudtrail:${t.homeRegion}:${p.id}:trail/${t.name}`,
      multiRegion: t.multiRegion,
      logging: t.logging,
      logsAll: sel.logsAll,
      selectorWords: sel.words,
      kms: t.kms,
      validation: t.validation,
      cloudWatchLogs: t.cloudWatchLogs,
      deliveryError: t.deliveryError,
      cisCovered: t.cisCovered,
      logGroupArn: `arn:aws:logs:${t.homeRegion}:${p.id}:log-group:/aws/cloudtrail/${t.name}:*`,
      bucket: t.bucket,
      bucketLogging: t.bucketLogging,
      bucketPublic: t.bucketPublic,
      bucketOutsideOrg: t.bucketOutsideOrg,
      ownerTag: t.ownerTag,
      credited: false,
    });
  }
  if (p.orgTrail || p.isManagement) {
    const owner = p.id === MANAGEMENT_ID ? "" : ` (management account ${MANAGEMENT_ID})`;
    trails.push({
      label: `organization trail \`org-trail\` in us-east-1${owner}`,
      arn: orgTrailArn(),
      multiRegion: true,
      logging: true,
      logsAll: true,
      selectorWords: "records all read and write management events",
      kms: true,
      validation: true,
      cloudWatchLogs: true,
      deliveryError: false,
      cisCovered: 14,
      logGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT_ID}:log-group:aws-cloudtrail-logs-org:*`,
      bucket: CENTRAL_BUCKET,
      bucketLogging: true,
      bucketPublic: false,
      bucketOutsideOrg: false,
      ownerTag: true,
      credited: p.id !== MANAGEMENT_ID,
    });
  }
  return trails;
}

function perTrail(
  controlId: ControlId,
  trails: Trail[],
  check: (t: Trail) => { status: VerdictStatus; clause: string; evidence: string },
  allPassed: (n: number) => string,
): FixtureVerdict {
  if (!trails.length)
    return { controlId, status: "NOT_APPLICABLE", reason: "no trail applies to this account", evidence: [] };
  // Bucket controls judge each bucket once, however many trails write to it.
  const outcomes = [...new Map(trails.map(check).map((o) => [`${o.evidence} ${o.status}`, o])).values()];
  for (const worst of ["FAILED", "NO_DATA", "WARNING"] as const) {
    const bad = outcomes.filter((o) => o.status === worst);
    if (bad.length)
      return {
        controlId,
        status: worst,
        reason: bad.map((o) => o.clause).join("; "),
        evidence: [...new Set(bad.map((o) => o.evidence))],
      };
  }
  const reason = outcomes.length === 1 ? outcomes[0]!.clause : allPassed(outcomes.length);
  return { controlId, status: "PASSED", reason, evidence: [...new Set(outcomes.map((o) => o.evidence))] };
}

function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}

export function currentVerdicts(p: AccountProfile): FixtureVerdict[] {
  const trails = applicableTrails(p);
  const v = new Map<ControlId, FixtureVerdict>();
  const good = trails.find((t) => t.multiRegion && t.logging && t.logsAll);
  v.set(
    "CloudTrail.1",
    good
      ? {
          controlId: "CloudTrail.1",
          status: "PASSED",
          reason: `${good.label} is multi-region, logging and ${good.selectorWords}`,
          evidence: [good.arn],
        }
      : {
          controlId: "CloudTrail.1",
          status: "FAILED",
          reason: trails.length
            ? `no multi-region trail logs all read and write management events: ${trails
                .map(
                  (t) =>
                    `${t.label} ${!t.multiRegion ? "is single-region" : !t.logging ? "is not logging" : t.selectorWords}`,
                )
                .join("; ")}`
            : "no trail applies to this account: it owns none and no organization trail covers it",
          evidence: trails.map((t) => t.arn),
        },
  );
  v.set(
    "CloudTrail.2",
    perTrail(
      "CloudTrail.2",
      trails,
      (t) => ({
        status: t.kms ? "PASSED" : "FAILED",
        clause: `${t.label} ${t.kms ? "is encrypted with KMS key alias/cloudtrail" : "has no KMS key"}`,
        evidence: t.arn,
      }),
      (n) => `all ${n} applicable trails are encrypted with KMS`,
    ),
  );
  const logging = trails.find((t) => t.logging);
  v.set(
    "CloudTrail.3",
    logging
      ? { controlId: "CloudTrail.3", status: "PASSED", reason: `${logging.label} is logging`, evidence: [logging.arn] }
      : {
          controlId: "CloudTrail.3",
          status: "FAILED",
          reason: trails.length
            ? `no applicable trail is logging: ${trails.map((t) => `${t.label} stopped logging`).join("; ")}`
            : "no trail applies to this account",
          evidence: trails.map((t) => t.arn),
        },
  );
  v.set(
    "CloudTrail.4",
    perTrail(
      "CloudTrail.4",
      trails,
      (t) => ({
        status: t.validation ? "PASSED" : "FAILED",
        clause: `${t.label} ${t.validation ? "validates log files" : "has log file validation off"}`,
        evidence: t.arn,
      }),
      (n) => `all ${n} applicable trails validate log files`,
    ),
  );
  v.set(
    "CloudTrail.5",
    perTrail(
      "CloudTrail.5",
      trails,
      (t) =>
        !t.cloudWatchLogs
          ? { status: "FAILED", clause: `${t.label} does not deliver to CloudWatch Logs`, evidence: t.arn }
          : t.deliveryError
            ? {
                status: "WARNING",
                clause: `${t.label} delivers to CloudWatch Logs but GetTrailStatus reports a delivery error (AccessDenied on the log group)`,
                evidence: t.logGroupArn,
              }
            : { status: "PASSED", clause: `${t.label} delivers to CloudWatch Logs`, evidence: t.logGroupArn },
      (n) => `all ${n} applicable trails deliver to CloudWatch Logs`,
    ),
  );
  const bucketStatus = (t: Trail, ok: boolean, okWords: string, badWords: string) =>
    t.bucketOutsideOrg
      ? {
          status: "NO_DATA" as const,
          clause: `bucket \`${t.bucket}\` of ${t.label} is owned outside the organization: its settings cannot be read`,
          evidence: bucketArn(t.bucket),
        }
      : {
          status: ok ? ("PASSED" as const) : ("FAILED" as const),
          clause: `bucket \`${t.bucket}\` ${ok ? okWords : badWords}`,
          evidence: bucketArn(t.bucket),
        };
  v.set(
    "CloudTrail.6",
    perTrail(
      "CloudTrail.6",
      trails,
      (t) =>
        bucketStatus(
          t,
          !t.bucketPublic,
          "blocks all public access",
          "is public (public access block off and a public bucket policy)",
        ),
      (n) => `all ${n} trail buckets block public access`,
    ),
  );
  v.set(
    "CloudTrail.7",
    perTrail(
      "CloudTrail.7",
      trails,
      (t) => bucketStatus(t, t.bucketLogging, "has server access logging on", "has server access logging off"),
      (n) => `all ${n} trail buckets have server access logging on`,
    ),
  );
  v.set(
    "CloudTrail.9",
    perTrail(
      "CloudTrail.9",
      trails,
      (t) => ({
        status: t.ownerTag ? "PASSED" : "FAILED",
        clause: `${t.label} ${t.ownerTag ? "carries the required tag keys (Owner)" : "lacks the required tag key Owner"}`,
        evidence: t.arn,
      }),
      (n) => `all ${n} applicable trails carry the required tag keys (Owner)`,
    ),
  );
  const eds = `arn:aws:cloudtrail:us-east-1:${p.id}:eventdatastore/${p.name}-lake`;
  v.set(
    "CloudTrail.10",
    p.eventDataStore === "none"
      ? {
          controlId: "CloudTrail.10",
          status: "NOT_APPLICABLE",
          reason: "the account has no CloudTrail Lake event data stores",
          evidence: [],
        }
      : p.eventDataStore === "cmk"
        ? {
            controlId: "CloudTrail.10",
            status: "PASSED",
            reason: `event data store \`${p.name}-lake\` is encrypted with a customer-managed KMS key`,
            evidence: [eds],
          }
        : {
            controlId: "CloudTrail.10",
            status: "FAILED",
            reason: `event data store \`${p.name}-lake\` uses an AWS owned key, not a customer-managed KMS key`,
            evidence: [eds],
          },
  );
  const covering = trails.find((t) => t.multiRegion && t.logging && t.cloudWatchLogs);
  CLOUDWATCH_CONTROL_IDS.forEach((controlId, i) => {
    const watches = CIS_METRIC_FILTERS[controlId].watches;
    if (!covering) {
      v.set(controlId, {
        controlId,
        status: "FAILED",
        reason: "no logging multi-region trail delivers to CloudWatch Logs, so no CIS metric filter can apply",
        evidence: trails.map((t) => t.arn),
      });
    } else if (covering.cisCovered > i) {
      const credit = covering.credited
        ? " (the organization trail's alarm in the management account, credited to this account)"
        : "";
      v.set(controlId, {
        controlId,
        status: "PASSED",
        reason: `log group of ${covering.label} has the CIS filter for ${watches} and an alarm notifying a subscribed SNS topic${credit}`,
        evidence: [
          covering.logGroupArn,
          `arn:aws:cloudwatch:us-east-1:${covering.credited ? MANAGEMENT_ID : p.id}:alarm:cis-${i + 1}`,
        ],
      });
    } else {
      v.set(controlId, {
        controlId,
        status: "FAILED",
        reason: `log group of ${covering.label} has no metric filter with the CIS pattern for ${watches}`,
        evidence: [covering.logGroupArn],
      });
    }
  });
  return ALL_CONTROL_IDS.map((id) => v.get(id)!);
}

/** A partial collection: the trail bucket's logging could not be read in the log-archive account. */
export function partialCollectionVerdict(previous: FixtureVerdict): FixtureVerdict {
  return {
    controlId: previous.controlId,
    status: "ERROR",
    reason: `cannot confirm server access logging: GetBucketLogging failed in account ${LOG_ARCHIVE_ID} (AccessDenied)`,
    evidence: previous.evidence,
  };
}

/** What the history says a control was at `week` for a profile that fixed it at `fixedWeek`. */
export function historicStatus(
  p: AccountProfile,
  controlId: ControlId,
  current: VerdictStatus,
  week: number,
): VerdictStatus {
  if (week >= p.fixedWeek || current !== "PASSED") return current;
  if (p.fixedControls === "cloudwatch" && controlId.startsWith("CloudWatch.")) return "FAILED";
  if (
    p.fixedControls === "trail-hardening" &&
    (controlId === "CloudTrail.2" || controlId === "CloudTrail.4" || controlId === "CloudTrail.7")
  )
    return "FAILED";
  return current;
}
