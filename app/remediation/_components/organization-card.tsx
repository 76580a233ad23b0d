import { OrganizationFixButton } from "@/components/remediation/organization-fix-button";
import { Card } from "@/components/ui/card";

export function OrganizationCard() {
  return (
    <Card
      title="Organization"
      description="The durable fix: one organization trail covers every account, present and future, and a guardrail SCP keeps anyone but the approved path from stopping, deleting or narrowing it."
      action={<OrganizationFixButton />}
      testId="organization-card"
    >
      <p className="text-sm text-slate-700">
        Adopts the organization trail if there is one (and fixes what it lacks), or creates it in the management account
        (or CloudTrail&apos;s delegated administrator): multi-region, read and write management events, log file
        validation, KMS, CloudWatch Logs with the CIS alarms. Then attaches{" "}
        <span className="font-mono">trailwarden-protect-cloudtrail</span> to the root or the configured OUs.
        Members&apos; own trails are never touched; those that duplicate it are listed. You review the plan before
        anything changes.
      </p>
    </Card>
  );
}
