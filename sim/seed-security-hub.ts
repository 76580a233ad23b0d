// Makes the security-tooling account the delegated Security Hub administrator and fills it with
// the organization's CloudTrail/CloudWatch control findings.
import { EnableOrganizationAdminAccountCommand, EnableSecurityHubCommand } from "@aws-sdk/client-securityhub";

import type { SimClients } from "@/sim/aws-env";
import { importSecurityHubFindings } from "@/sim/import-security-hub-findings";
import type { SimAccount, SimBucket, SimSecurityHubFinding } from "@/sim/manifest";
import { planSecurityHubFindings } from "@/sim/plan-security-hub-findings";

export async function seedSecurityHub(
  management: SimClients,
  admin: SimClients,
  opts: { accounts: readonly SimAccount[]; buckets: readonly SimBucket[]; organizationTrail: boolean; now: Date },
): Promise<SimSecurityHubFinding[]> {
  // As on AWS, Security Hub's own call designates the administrator (it registers the delegation
  // with Organizations itself; moto's Organizations does not list securityhub as delegable).
  await management.securityhub.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin.accountId }));
  await admin.securityhub.send(
    new EnableSecurityHubCommand({ EnableDefaultStandards: false, ControlFindingGenerator: "SECURITY_CONTROL" }),
  );

  const planned = planSecurityHubFindings(opts.accounts, {
    organizationTrail: opts.organizationTrail,
    managementAccountId: management.accountId,
    buckets: opts.buckets,
  });
  return importSecurityHubFindings(admin.securityhub, planned, { region: admin.config.region, now: opts.now });
}
