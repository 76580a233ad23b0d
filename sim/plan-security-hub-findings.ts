// Decides which Security Hub control findings the delegated administrator holds for the seeded
// accounts, and with which status: most agree with the seeded state, some are stale (Security Hub
// re-evaluates only every 12–24 h), some archived, and some differ because Security Hub judges
// differently (it cannot read a log group or bucket in another account; CloudTrail.9 fails
// untagged trails when no tag keys are required, where Trailwarden says NOT_APPLICABLE).
import type { FindingRelation, SimAccount, SimBucket, SimSecurityHubFinding } from "@/sim/manifest";

type Status = SimSecurityHubFinding["complianceStatus"];

export interface PlannedFinding extends Omit<SimSecurityHubFinding, "id" | "updatedAt"> {
  /** How long before `now` Security Hub last updated it. */
  ageHours: number;
  /** Compliance.StatusReasons[0]; codes from Security Hub's list where one fits (illustrative). */
  reasonCode: string;
  reason: string;
}

/** Accounts Security Hub has not evaluated yet (newly joined): no findings at all. */
const NOT_YET_EVALUATED = new Set(["ml-dev"]);

const agreement = (status: Status, expected: string | undefined): FindingRelation =>
  status === expected ? "agrees" : "security-hub-differs";

type Resource = Pick<PlannedFinding, "resourceType" | "resourceId">;

/** `reason` is "CODE: text" or plain text (code CONTROL_EVALUATION). */
function plan(
  account: SimAccount,
  controlId: string,
  status: Status,
  resource: Resource,
  reason: string,
): PlannedFinding {
  const coded = /^([A-Z_]+): (.*)$/.exec(reason);
  const expected: string | undefined = account.expected[controlId as keyof SimAccount["expected"]];
  const relation = controlId === "CloudTrail.9" ? "security-hub-differs" : agreement(status, expected);
  return {
    accountId: account.accountId,
    controlId,
    complianceStatus: status,
    recordState: "ACTIVE",
    workflowStatus: status === "PASSED" ? "RESOLVED" : "NEW",
    ageHours: 2, // evaluated on Security Hub's last periodic run
    relation,
    reasonCode: coded?.[1] ?? "CONTROL_EVALUATION",
    reason: coded?.[2] ?? reason,
    ...resource,
  };
}

interface PlanOptions {
  organizationTrail: boolean;
  managementAccountId: string;
  buckets: readonly SimBucket[];
}

function accountFindings(account: SimAccount, opts: PlanOptions): PlannedFinding[] {
  const isManagement = account.accountId === opts.managementAccountId;
  const asAccount = { resourceType: "AwsAccount" as const, resourceId: `AWS::::Account:${account.accountId}` };
  const out: PlannedFinding[] = [];
  for (const id of ["CloudTrail.1", "CloudTrail.3"] as const) {
    const status = account.expected[id] === "PASSED" ? "PASSED" : "FAILED";
    out.push(
      plan(
        account,
        id,
        status,
        asAccount,
        status === "PASSED" ? "A qualifying trail covers the account" : "No qualifying trail covers the account",
      ),
    );
  }

  // Security Hub reads alarms only where the account's own multi-Region trail delivers.
  const ownLogged = account.trails.find((t) => t.isMultiRegionTrail && t.logGroupArn);
  for (let n = 1; n <= 14; n++) {
    const id = `CloudWatch.${n}`;
    if (ownLogged) {
      const ok = ownLogged.cisControlsCovered.includes(id);
      out.push(
        plan(
          account,
          id,
          ok ? "PASSED" : "FAILED",
          asAccount,
          ok
            ? "Metric filter, alarm and subscribed topic present"
            : "CLOUDWATCH_ALARMS_NOT_PRESENT: no valid filter, alarm and subscribed topic",
        ),
      );
    } else if (opts.organizationTrail && !isManagement) {
      out.push(
        plan(account, id, "NOT_AVAILABLE", asAccount, "The multi-Region trail's log group is in another account"),
      );
    } else {
      out.push(
        plan(
          account,
          id,
          "FAILED",
          asAccount,
          "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT: no multi-Region trail delivers to CloudWatch Logs here",
        ),
      );
    }
  }

  for (const trail of account.trails) {
    const asTrail = { resourceType: "AwsCloudTrailTrail" as const, resourceId: trail.arn };
    out.push(
      plan(
        account,
        "CloudTrail.2",
        trail.kmsKeyArn ? "PASSED" : "FAILED",
        asTrail,
        trail.kmsKeyArn ? "SSE-KMS enabled" : "The trail is not encrypted with SSE-KMS",
      ),
    );
    out.push(
      plan(
        account,
        "CloudTrail.4",
        trail.logFileValidationEnabled ? "PASSED" : "FAILED",
        asTrail,
        trail.logFileValidationEnabled ? "Log file validation enabled" : "Log file validation is disabled",
      ),
    );
    out.push(
      plan(
        account,
        "CloudTrail.5",
        trail.logGroupArn ? "PASSED" : "FAILED",
        asTrail,
        trail.logGroupArn ? "Delivers to CloudWatch Logs" : "No CloudWatch Logs delivery",
      ),
    );
    const tagged = Object.keys(trail.tags).length > 0;
    out.push(
      plan(
        account,
        "CloudTrail.9",
        tagged ? "PASSED" : "FAILED",
        asTrail,
        tagged ? "The trail has tags" : "The trail has no tag keys",
      ),
    );

    const asBucket = { resourceType: "AwsS3Bucket" as const, resourceId: `arn:aws:s3:::${trail.bucketName}` };
    if (trail.bucketOwnerAccountId === account.accountId) {
      out.push(plan(account, "CloudTrail.6", "PASSED", asBucket, "The bucket is not publicly accessible"));
      const logged = opts.buckets.find((b) => b.name === trail.bucketName)?.accessLogging ?? false;
      out.push(
        plan(
          account,
          "CloudTrail.7",
          logged ? "PASSED" : "FAILED",
          asBucket,
          logged ? "Server access logging enabled" : "Server access logging is disabled",
        ),
      );
    } else {
      for (const id of ["CloudTrail.6", "CloudTrail.7"]) {
        out.push(
          plan(
            account,
            id,
            "NOT_AVAILABLE",
            asBucket,
            `CONFIG_EVALUATIONS_EMPTY: the bucket is in account ${trail.bucketOwnerAccountId}`,
          ),
        );
      }
    }
  }
  return out;
}

/** Stale, suppressed and archived findings, keyed by account name (the states they illustrate). */
function adjust(account: SimAccount, findings: PlannedFinding[]): PlannedFinding[] {
  const set = (controlId: string, change: Partial<PlannedFinding>) => {
    const f = findings.find((x) => x.controlId === controlId);
    if (f) Object.assign(f, change);
  };
  const archived = (controlId: string, trailName: string, ageHours: number): PlannedFinding => ({
    accountId: account.accountId,
    controlId,
    complianceStatus: "FAILED",
    recordState: "ARCHIVED",
    workflowStatus: "RESOLVED",
    ageHours,
    relation: "archived",
    reasonCode: "CONTROL_EVALUATION",
    reason: "The trail was deleted",
    resourceType: "AwsCloudTrailTrail",
    resourceId: `arn:aws:cloudtrail:us-east-1:${account.accountId}:trail/${trailName}`,
  });
  switch (account.name) {
    case "payments-prod": // fixed two days ago; Security Hub has not re-evaluated since
      set("CloudTrail.4", {
        complianceStatus: "FAILED",
        workflowStatus: "NOTIFIED",
        ageHours: 72,
        relation: "stale",
        reason: "Log file validation is disabled",
      });
      set("CloudTrail.5", {
        complianceStatus: "FAILED",
        workflowStatus: "NOTIFIED",
        ageHours: 72,
        relation: "stale",
        reason: "No CloudWatch Logs delivery",
      });
      break;
    case "sandbox-bob": // KMS removed yesterday; Security Hub still says PASSED
      set("CloudTrail.2", {
        complianceStatus: "PASSED",
        workflowStatus: "RESOLVED",
        ageHours: 30,
        relation: "stale",
        reason: "SSE-KMS enabled",
      });
      break;
    case "sandbox-legacy":
      set("CloudTrail.7", {
        workflowStatus: "SUPPRESSED",
        reason: "Server access logging is disabled (accepted risk: legacy sandbox)",
      });
      break;
    case "sandbox-alice":
      findings.push(archived("CloudTrail.2", "old-sandbox-trail", 24 * 20));
      break;
    case "orders-dev":
      findings.push(archived("CloudTrail.5", "orders-dev-legacy", 24 * 45));
      break;
  }
  return findings;
}

export function planSecurityHubFindings(accounts: readonly SimAccount[], opts: PlanOptions): PlannedFinding[] {
  return accounts.filter((a) => !NOT_YET_EVALUATED.has(a.name)).flatMap((a) => adjust(a, accountFindings(a, opts)));
}
