// E-mails an alert through SMTP (nodemailer). Plain text: the headline as subject, then every field.
import nodemailer from "nodemailer";
import { alertHeadline, type AlertPayload } from "@/lib/alerts/alert-payload";
import { DeliveryError } from "@/lib/alerts/delivery-error";

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  to: string[];
}

export function emailText(p: AlertPayload): string {
  return [
    alertHeadline(p),
    "",
    `Rule: ${p.rule}`,
    `Status: ${p.status}`,
    `Account: ${p.accountName} (${p.accountId})`,
    p.controlId ? `Control: ${p.controlId}` : null,
    p.trailArn ? `Trail: ${p.trailArn}` : null,
    `Detected: ${p.detectedAt}`,
    p.actor ? `By: ${p.actor.arn ?? "unknown"} from ${p.actor.sourceIp ?? "unknown"} at ${p.actor.eventTime}` : null,
    "",
    p.url,
  ]
    .filter((l) => l !== null)
    .join("\n");
}

export async function sendEmail(config: SmtpConfig, password: string | null, payload: AlertPayload): Promise<void> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  try {
    await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: alertHeadline(payload).slice(0, 200),
      text: emailText(payload),
    });
  } catch (err) {
    throw new DeliveryError(`SMTP ${config.host}:${config.port}: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    transport.close();
  }
}
