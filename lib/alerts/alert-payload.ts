// The message every destination carries (the generic webhook's JSON body, as documented in the
// README): { id, rule, status, accountId, accountName, controlId, trailArn, summary, detectedAt,
// actor: { arn, sourceIp, eventTime } | null, url }. Slack, e-mail and SNS render the same fields.
import { getEnv } from "@/lib/config/env";
import type { AlertActor } from "@/lib/alerts/find-actor";
import type { AlertStatus } from "@/lib/statuses";

export interface AlertPayload {
  id: string;
  rule: string;
  status: AlertStatus;
  accountId: string;
  accountName: string;
  controlId: string | null;
  trailArn: string | null;
  summary: string;
  detectedAt: string;
  resolvedAt?: string;
  actor: { arn: string | null; sourceIp: string | null; eventTime: string } | null;
  url: string;
  test?: true;
}

export interface AlertRowForPayload {
  id: string;
  ruleId: string;
  status: string;
  accountId: string;
  controlId: string | null;
  trailArn: string | null;
  summary: string;
  resolvedSummary: string | null;
  detectedAt: Date;
  resolvedAt: Date | null;
  actor: unknown;
}

export function publicUrl(): string {
  const env = getEnv();
  return (env.TRAILWARDEN_PUBLIC_URL ?? `http://${env.TRAILWARDEN_HOST}:${env.TRAILWARDEN_PORT}`).replace(/\/$/, "");
}

export function alertPayload(a: AlertRowForPayload, accountName: string): AlertPayload {
  const actor = a.actor as AlertActor | null;
  const resolved = a.status === "resolved";
  return {
    id: a.id,
    rule: a.ruleId,
    status: resolved ? "resolved" : "firing",
    accountId: a.accountId,
    accountName,
    controlId: a.controlId,
    trailArn: a.trailArn,
    summary: resolved && a.resolvedSummary ? a.resolvedSummary : a.summary,
    detectedAt: a.detectedAt.toISOString(),
    ...(a.resolvedAt ? { resolvedAt: a.resolvedAt.toISOString() } : {}),
    actor: actor ? { arn: actor.arn, sourceIp: actor.sourceIp, eventTime: actor.eventTime } : null,
    url: `${publicUrl()}/alerts?alert=${a.id}`,
  };
}

/** One line for chat and e-mail subjects. */
export function alertHeadline(p: AlertPayload): string {
  const state = p.test ? "TEST" : p.status === "firing" ? "FIRING" : "RESOLVED";
  return `[Trailwarden ${state}] ${p.accountName} (${p.accountId}): ${p.summary}`;
}
