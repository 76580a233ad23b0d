// Writes the planned control findings into the delegated administrator's Security Hub, shaped
// like consolidated control findings. moto keeps findings in the calling account and does not
// aggregate across accounts, so the aggregated view is imported directly into the administrator,
// each finding carrying its own account's AwsAccountId.
import { createHash } from "node:crypto";

import {
  BatchImportFindingsCommand,
  type AwsSecurityFinding,
  type SecurityHubClient,
} from "@aws-sdk/client-securityhub";

import type { SimSecurityHubFinding } from "@/sim/manifest";
import type { PlannedFinding } from "@/sim/plan-security-hub-findings";
import { CIS_STANDARD, controlInfo, FSBP_STANDARD, SECURITY_HUB_PRODUCT } from "@/sim/security-hub-controls";
import { SimulatorError } from "@/sim/simulator-error";

const BATCH = 100; // BatchImportFindings accepts at most 100 findings per call

/** A stable UUID-shaped id per (account, control, resource), so re-seeding updates, not duplicates. */
function findingId(region: string, f: PlannedFinding): string {
  const h = createHash("sha256").update(`${f.accountId}|${f.controlId}|${f.resourceId}`).digest("hex");
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `arn:aws:securityhub:${region}:${f.accountId}:security-control/${f.controlId}/finding/${uuid}`;
}

function toAwsFinding(f: PlannedFinding, id: string, region: string, now: Date): AwsSecurityFinding {
  const info = controlInfo(f.controlId);
  const updatedAt = new Date(now.getTime() - f.ageHours * 3_600_000).toISOString();
  const createdAt = new Date(now.getTime() - (f.ageHours + 24 * 30) * 3_600_000).toISOString();
  return {
    SchemaVersion: "2018-10-08",
    Id: id,
    ProductArn: SECURITY_HUB_PRODUCT(region),
    ProductName: "Security Hub",
    CompanyName: "AWS",
    Region: region,
    GeneratorId: `security-control/${f.controlId}`,
    AwsAccountId: f.accountId,
    Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
    FirstObservedAt: createdAt,
    LastObservedAt: updatedAt,
    CreatedAt: createdAt,
    UpdatedAt: updatedAt,
    Severity: { Label: info.severity, Original: info.severity },
    Title: info.title,
    Description: info.title,
    ProductFields: {
      "aws/securityhub/ProductName": "Security Hub",
      "aws/securityhub/CompanyName": "AWS",
      RelatedAWSResources: `${f.resourceType}:${f.resourceId}`,
    },
    Resources: [{ Type: f.resourceType, Id: f.resourceId, Partition: "aws", Region: region }],
    Compliance: {
      Status: f.complianceStatus,
      SecurityControlId: f.controlId,
      StatusReasons: [{ ReasonCode: f.reasonCode, Description: f.reason }],
      AssociatedStandards: [
        { StandardsId: FSBP_STANDARD },
        ...(f.controlId.startsWith("CloudWatch.") ? [{ StandardsId: CIS_STANDARD }] : []),
      ],
    },
    Workflow: { Status: f.workflowStatus },
    WorkflowState:
      f.workflowStatus === "SUPPRESSED" ? "DEFERRED" : f.workflowStatus === "RESOLVED" ? "RESOLVED" : "NEW",
    RecordState: f.recordState,
    FindingProviderFields: {
      Severity: { Label: info.severity },
      Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
    },
  };
}

export async function importSecurityHubFindings(
  securityhub: SecurityHubClient,
  planned: readonly PlannedFinding[],
  opts: { region: string; now: Date },
): Promise<SimSecurityHubFinding[]> {
  const records = planned.map((f) => {
    const id = findingId(opts.region, f);
    return { id, finding: toAwsFinding(f, id, opts.region, opts.now) };
  });
  for (let i = 0; i < records.length; i += BATCH) {
    const res = await securityhub.send(
      new BatchImportFindingsCommand({ Findings: records.slice(i, i + BATCH).map((r) => r.finding) }),
    );
    if (res.FailedCount) {
      const first = res.FailedFindings?.[0];
      throw new SimulatorError(
        `BatchImportFindings rejected ${res.FailedCount} findings (first: ${first?.Id}: ${first?.ErrorMessage})`,
      );
    }
  }
  return records.map(({ id, finding }, i) => {
    const f = planned[i] as PlannedFinding;
    return {
      id,
      accountId: f.accountId,
      controlId: f.controlId,
      complianceStatus: f.complianceStatus,
      recordState: f.recordState,
      workflowStatus: f.workflowStatus,
      updatedAt: finding.UpdatedAt ?? "",
      resourceType: f.resourceType,
      resourceId: f.resourceId,
      relation: f.relation,
    };
  });
}
