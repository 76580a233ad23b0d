// The trails that apply to the account, one block each: where they log, whether they log, what
// they log in words, and the settings the CloudTrail.* controls judge.
import clsx from "clsx";
import type { ReactNode } from "react";
import { getAccountTrails, type TrailView } from "@/lib/read-models/get-account-trails";
import { readable } from "@/lib/read-models/readable";
import { UnreadableCard } from "@/components/accounts/unreadable-card";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format-time";

function Flag({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1",
        ok === null ? "text-slate-500" : ok ? "text-passed" : "text-failed",
      )}
    >
      <span aria-hidden>{ok === null ? "?" : ok ? "✓" : "✕"}</span>
      {children}
    </span>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">{children}</dd>
    </>
  );
}

function TrailBlock({ t }: { t: TrailView }) {
  return (
    <article className="rounded-md border border-slate-200 p-3" data-testid="trail">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-mono text-sm font-semibold text-slate-900">{t.name}</h3>
        <span className="text-xs text-slate-600">home Region {t.homeRegion}</span>
        {t.isOrganizationTrail ? (
          <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900">
            organization trail
            {t.creditedFromOrganization ? `, credited from management account ${t.ownerAccountId}` : ""}
          </span>
        ) : null}
      </header>
      <p className="mt-0.5 break-all font-mono text-[11px] text-slate-500">{t.arn}</p>
      <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
        <Row label="Regions">
          <Flag ok={t.multiRegion}>{t.multiRegion ? "multi-Region" : "single Region only"}</Flag>
        </Row>
        <Row label="Logging">
          <Flag ok={t.logging}>
            {t.logging === null
              ? "unknown (GetTrailStatus failed)"
              : t.logging
                ? "logging"
                : `stopped${t.stoppedAt ? ` since ${formatUtc(t.stoppedAt)}` : ""}`}
          </Flag>
        </Row>
        <Row label="Records">
          <Flag ok={t.managementCoverage === "unknown" ? null : t.managementCoverage === "all"}>
            <span>{t.selectors.join("; ")}</span>
          </Flag>
        </Row>
        <Row label="Log file validation">
          <Flag ok={t.validation}>{t.validation ? "on" : "off"}</Flag>
        </Row>
        <Row label="KMS encryption">
          <Flag ok={Boolean(t.kmsKeyId)}>
            {t.kmsKeyId ? <span className="break-all font-mono text-xs">{t.kmsKeyId}</span> : "none (SSE-S3 only)"}
          </Flag>
        </Row>
        <Row label="CloudWatch Logs">
          <Flag ok={t.logGroupArn ? !t.cloudWatchDeliveryError : false}>
            {t.logGroupArn ? (
              <span className="break-all font-mono text-xs">{t.logGroupArn}</span>
            ) : (
              "not delivered to CloudWatch Logs"
            )}
            {t.cloudWatchDeliveryError ? (
              <span className="ml-1 text-warning">(delivery error: {t.cloudWatchDeliveryError})</span>
            ) : null}
          </Flag>
        </Row>
        <Row label="S3 bucket">
          {t.bucket ? (
            <span className="flex flex-wrap gap-x-3">
              <span className="font-mono text-xs">{t.bucket.name}</span>
              <span className="text-xs text-slate-500">
                {t.bucket.ownerAccountId ? `owned by ${t.bucket.ownerAccountId}` : "owner outside the organization"}
              </span>
              {t.bucket.readStatus === "ok" ? (
                <>
                  <Flag ok={t.bucket.accessLogging}>
                    {t.bucket.accessLogging ? "access logging on" : "access logging off"}
                  </Flag>
                  <Flag ok={t.bucket.publicBlocked}>
                    {t.bucket.publicBlocked
                      ? "not public"
                      : t.bucket.publicBlocked === false
                        ? "public"
                        : "public access unknown"}
                  </Flag>
                </>
              ) : (
                <span className="text-xs text-slate-600">
                  {t.bucket.readStatus === "no_data" ? "settings not readable (no data)" : "settings could not be read"}
                </span>
              )}
            </span>
          ) : (
            "—"
          )}
        </Row>
        {t.tags && Object.keys(t.tags).length ? (
          <Row label="Tags">
            <span className="font-mono text-xs">
              {Object.entries(t.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ")}
            </span>
          </Row>
        ) : null}
      </dl>
    </article>
  );
}

export async function TrailsCard({ accountId }: { accountId: string }) {
  const read = await readable(getAccountTrails(accountId));
  if (!read.ok) return <UnreadableCard title="Trails" testId="trails" error={read.error} />;
  const result = read.value;
  return (
    <Card
      title={`Trails (${result?.trails.length ?? 0})`}
      description={
        result
          ? `Applicable trails as collected ${formatUtc(result.collectedAt)}${result.status === "partial" ? " (some calls failed)" : ""}.`
          : undefined
      }
      testId="trails"
    >
      {!result ? (
        <p className="text-sm text-slate-500">No successful collection of this account yet.</p>
      ) : result.trails.length === 0 ? (
        <p className="text-sm font-medium text-failed">
          No trail applies to this account: it owns none and no organization trail covers it.
        </p>
      ) : (
        <div className="grid gap-3 xl:grid-cols-2">
          {result.trails.map((t) => (
            <TrailBlock key={t.arn} t={t} />
          ))}
        </div>
      )}
    </Card>
  );
}
