// Browser calls to /api/v1/remediations: each throws an Error carrying the API's message (a 409
// "already running", a 422 "blocked", a stale plan), which the components show as-is.
import type { RemediationJobView } from "@/lib/views/remediation-view";

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: "application/json", "content-type": "application/json" },
    cache: "no-store",
  });
  const body = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.message ?? `HTTP ${res.status}`);
  return body;
}

/** What a plan may ask for: who the CIS alarms notify. */
export interface AlarmDestination {
  alarmEmail?: string;
  alarmTopicArn?: string;
}

/** What a plan may be asked for besides the stored settings (the organization fix's optional Config rule). */
export interface PlanChoices extends AlarmDestination {
  configRule?: boolean;
}

/** A family fix of one account, or the organization fix. */
export type FixTarget = { accountId: string } | { scope: "organization" };

export async function planFix(target: FixTarget | string, destination: PlanChoices = {}): Promise<RemediationJobView> {
  const which = typeof target === "string" ? { accountId: target } : target;
  const { job } = await call<{ job: RemediationJobView }>("/api/v1/remediations", {
    method: "POST",
    body: JSON.stringify({ ...which, mode: "plan", ...destination }),
  });
  return job;
}

export async function applyPlan(
  target: FixTarget | string,
  planId: string,
): Promise<{ jobId: string; status: string; job: RemediationJobView }> {
  const which = typeof target === "string" ? { accountId: target } : target;
  return call("/api/v1/remediations", { method: "POST", body: JSON.stringify({ ...which, mode: "apply", planId }) });
}

export function fetchJob(jobId: string): Promise<RemediationJobView> {
  return call(`/api/v1/remediations/${jobId}`);
}

export function cancelJob(jobId: string): Promise<{ status: string; job: RemediationJobView }> {
  return call(`/api/v1/remediations/${jobId}/cancel`, { method: "POST", body: "{}" });
}

export function retryJob(jobId: string): Promise<{ status: string; job: RemediationJobView }> {
  return call(`/api/v1/remediations/${jobId}/retry`, { method: "POST", body: "{}" });
}

/** Runs `fn` over `items` with at most `limit` at once (bulk actions never flood the API). */
export async function mapBounded<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}
