// Shown wherever accounts would be listed before the first collection: what to configure, with
// the exact environment variables (README "Configuration"), and the command that collects.

const VARIABLES: [string, string][] = [
  ["TRAILWARDEN_DISCOVERY", "organizations (default: every account of the AWS Organization) or static"],
  ["TRAILWARDEN_ACCOUNTS", "with static discovery: comma-separated account ids, e.g. 111111111111,222222222222"],
  ["TRAILWARDEN_ROLE_NAME", "the read-only role assumed in each account (default TrailwardenReadOnly)"],
  ["TRAILWARDEN_EXTERNAL_ID", "the sts:ExternalId the role's trust policy requires"],
  [
    "AWS_PROFILE",
    "the hub's AWS credentials through the SDK's default chain (a profile, SSO, an instance or task role)",
  ],
  ["AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY", "or explicit credentials for the hub (avoid long-lived keys in files)"],
];

export function NoAccounts() {
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="empty-state"
      aria-labelledby="no-accounts-title"
    >
      <h2 id="no-accounts-title" className="text-lg font-semibold text-slate-900">
        No accounts yet
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Trailwarden has not collected any AWS account. Point it at your organization with these environment variables,
        then run a collection.
      </p>
      <dl className="mt-4 grid max-w-4xl grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {VARIABLES.map(([name, meaning]) => (
          <div key={name} className="contents">
            <dt>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-900">{name}</code>
            </dt>
            <dd className="text-slate-700">{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-5 text-sm text-slate-700">Then collect once from a shell on the server:</p>
      <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-sm leading-relaxed text-slate-100">
        <code>{`export TRAILWARDEN_DISCOVERY=static            # or organizations (the default)
export TRAILWARDEN_ACCOUNTS=111111111111,222222222222
export TRAILWARDEN_ROLE_NAME=TrailwardenReadOnly
export TRAILWARDEN_EXTERNAL_ID=<your external id>
export AWS_PROFILE=<the hub's profile>
npx trailwarden collect`}</code>
      </pre>
      <p className="mt-3 text-sm text-slate-600">
        Scheduled collections then run every four hours (
        <code className="font-mono text-xs">TRAILWARDEN_COLLECT_CRON</code>); an engineer can also start one from the
        overview with &ldquo;Collect now&rdquo;.
      </p>
    </section>
  );
}
