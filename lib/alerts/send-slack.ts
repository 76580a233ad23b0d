// Posts an alert to a Slack incoming webhook (the URL is the credential, kept as the destination's
// secret): one line of mrkdwn, with who and when if the event history named them.
import { alertHeadline, type AlertPayload } from "@/lib/alerts/alert-payload";
import { postJson } from "@/lib/alerts/send-webhook";

export function slackText(p: AlertPayload): string {
  const lines = [`*${alertHeadline(p)}*`];
  if (p.trailArn) lines.push(`Trail: \`${p.trailArn}\``);
  if (p.controlId) lines.push(`Control: ${p.controlId}`);
  if (p.actor)
    lines.push(`By ${p.actor.arn ?? "unknown"} from ${p.actor.sourceIp ?? "unknown"} at ${p.actor.eventTime}`);
  lines.push(`<${p.url}|Open in Trailwarden>`);
  return lines.join("\n");
}

export async function sendSlack(url: string, payload: AlertPayload): Promise<void> {
  await postJson(url, JSON.stringify({ text: slackText(payload) }));
}
