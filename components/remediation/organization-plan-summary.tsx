// What the organization plan found and decides, above its steps: the organization trail (adopted or
// created, where it delivers), the guardrail (policy, each target with its SCP count), and the
// members' own trails that duplicate the organization trail's management events (information only),
// and the optional AWS Config rule when the plan includes it.
import type { OrganizationPlanInfo } from "@/lib/remediate/plan/plan-types";

export function OrganizationPlanSummary({ info }: { info: OrganizationPlanInfo }) {
  const { trail, guardrail, duplicates } = info;
  return (
    <dl
      className="grid gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-xs sm:grid-cols-[10rem_1fr]"
      data-testid="organization-plan"
    >
      <dt className="font-medium text-slate-600">Organization</dt>
      <dd className="font-mono text-slate-900">
        {info.organizationId} · root {info.rootId} · management account {info.managementAccountId}
      </dd>
      <dt className="font-medium text-slate-600">Organization trail</dt>
      <dd className="text-slate-900" data-testid="organization-trail">
        {trail.name ? (
          <>
            <span className="font-mono">{trail.name}</span> in account{" "}
            <span className="font-mono">{info.adminAccountId}</span> ({trail.homeRegion}) —{" "}
            {trail.adopted
              ? "adopted: what it lacks is fixed in place"
              : "created: it covers every member, present and future"}
            {trail.bucket ? (
              <>
                {" "}
                · delivers to <span className="font-mono">{trail.bucket}</span>
              </>
            ) : null}
          </>
        ) : (
          "none can be planned (see the blockers)"
        )}
      </dd>
      <dt className="font-medium text-slate-600">Guardrail</dt>
      <dd className="text-slate-900" data-testid="organization-guardrail">
        <span className="font-mono">{guardrail.policyName}</span> ({guardrail.policyId ? "exists" : "created"}) denies
        stopping, deleting or narrowing CloudTrail and deleting the trail&apos;s key and bucket, except for the
        remediation and break-glass roles.{" "}
        {guardrail.scpTypeEnabled ? "" : "Service control policies are enabled on the root first. "}
        <ul className="mt-1 space-y-0.5">
          {guardrail.targets.map((t) => (
            <li key={t.id}>
              <span className="font-mono">{t.id}</span>: {t.attached ? "attached" : "to attach"} · {t.policies} of 5
              SCPs
            </li>
          ))}
        </ul>
      </dd>
      {info.configRule ? (
        <>
          <dt className="font-medium text-slate-600">AWS Config rule</dt>
          <dd className="text-slate-900" data-testid="organization-config-rule">
            <span className="font-mono">{info.configRule.name}</span> ({info.configRule.region}) —{" "}
            {info.configRule.exists
              ? `in place${info.configRule.status ? `, ${info.configRule.status}` : ""}`
              : "deployed to every account by this plan"}
            {info.configRule.failedAccounts.length > 0
              ? ` · not deployed in ${info.configRule.failedAccounts.join(", ")} (no configuration recorder)`
              : ""}
          </dd>
        </>
      ) : null}
      <dt className="font-medium text-slate-600">Members&apos; own trails</dt>
      <dd className="text-slate-900" data-testid="organization-duplicates">
        {duplicates.length === 0 ? (
          "none duplicates the organization trail"
        ) : (
          <>
            {duplicates.length} trail{duplicates.length > 1 ? "s" : ""} also log management events (each copy after the
            first is billed); never changed by this fix:
            <ul className="mt-1 space-y-0.5">
              {duplicates.map((d) => (
                <li key={d.trailArn} className="font-mono">
                  {d.accountName ? `${d.accountName} · ` : ""}
                  {d.trailArn}
                </li>
              ))}
            </ul>
          </>
        )}
      </dd>
    </dl>
  );
}
