// POSTs an alert as JSON to a webhook. With a shared secret the body is signed:
//   X-Trailwarden-Timestamp: <unix seconds>
//   X-Trailwarden-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
// so a receiver can check both origin and freshness (reject old timestamps to stop replays).
// Redirects are not followed (a redirect to an internal address would sidestep the URL check).
import { createHmac } from "node:crypto";
import { DeliveryError } from "@/lib/alerts/delivery-error";

export const SIGNATURE_HEADER = "x-trailwarden-signature";
export const TIMESTAMP_HEADER = "x-trailwarden-timestamp";
const TIMEOUT_MS = 10_000;

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "trailwarden-alerts", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (err as Error).name === "TimeoutError"
        ? `no answer within ${TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new DeliveryError(`Could not reach ${new URL(url).host}: ${reason}`);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300)
    throw new DeliveryError(
      `${new URL(url).host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
    );
}

export async function sendWebhook(url: string, secret: string | null, payload: object): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { [TIMESTAMP_HEADER]: timestamp };
  if (secret) headers[SIGNATURE_HEADER] = signBody(secret, timestamp, body);
  await postJson(url, body, headers);
}
