// Alert destinations: what each type needs, validated with zod at every boundary (settings form,
// environment). Secrets — the webhook's HMAC key, a Slack incoming-webhook URL (the URL is the
// credential), the SMTP password — live in AlertDestination.secret and are never sent to a page,
// an API answer or an audit row; pages show `describeDestination`, which masks them.
//
// Webhook URLs (SSRF): only http(s); no user:password in the URL; link-local addresses
// (169.254.0.0/16, fe80::/10, the cloud metadata endpoints) are refused because from a server in
// a cloud they reach instance credentials. Private and loopback addresses are allowed on purpose
// (a receiver on the same network is the common case); only admins can set a destination, and a
// delivery records the status code and a short error, never the receiver's response body.
import { z } from "zod";

export const DESTINATION_TYPES = ["webhook", "slack", "email", "sns"] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];
export const ENV_DESTINATION_ID = "env";

const LINK_LOCAL =
  /^(169\.254\.\d+\.\d+|\[?fe[89ab][0-9a-f]:[^\]]*\]?|\[?fd00:ec2::254\]?|metadata\.google\.internal)$/i;

export const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a URL such as https://hooks.example.com/trailwarden" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      ctx.addIssue({ code: "custom", message: "must use http:// or https://" });
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "must not carry a user name or password (use the secret)" });
    if (LINK_LOCAL.test(url.hostname))
      ctx.addIssue({ code: "custom", message: "must not point at a link-local or metadata address" });
  });

const email = z.string().trim().email("must be an e-mail address");

export const destinationInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("webhook"),
    name: z.string().trim().min(1).max(100),
    url: webhookUrl,
    secret: z.string().max(500).optional(),
  }),
  z.object({
    type: z.literal("slack"),
    name: z.string().trim().min(1).max(100),
    url: webhookUrl,
  }),
  z.object({
    type: z.literal("email"),
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(255),
    port: z.coerce.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    user: z.string().max(255).optional(),
    password: z.string().max(500).optional(),
    from: email,
    to: z.array(email).min(1).max(50),
  }),
  z.object({
    type: z.literal("sns"),
    name: z.string().trim().min(1).max(100),
    topicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, "must be an SNS topic ARN"),
  }),
]);
export type DestinationInput = z.input<typeof destinationInput>;

export interface StoredDestination {
  id: string;
  name: string;
  type: DestinationType;
  config: Record<string, unknown>;
  secret: string | null;
}

/** The config column (no secrets) and the secret column for a validated input. */
export function toColumns(input: z.output<typeof destinationInput>): { config: object; secret: string | null } {
  switch (input.type) {
    case "webhook":
      return { config: { url: input.url }, secret: input.secret || null };
    case "slack":
      return { config: { host: new URL(input.url).host }, secret: input.url };
    case "email":
      return {
        config: {
          host: input.host,
          port: input.port,
          secure: input.secure,
          user: input.user ?? null,
          from: input.from,
          to: input.to,
        },
        secret: input.password || null,
      };
    case "sns":
      return { config: { topicArn: input.topicArn }, secret: null };
  }
}

/** What a page may show of a destination: never the secret, a Slack URL only as its host. */
export function describeDestination(d: Pick<StoredDestination, "type" | "config" | "secret">): string {
  const c = d.config;
  switch (d.type) {
    case "webhook":
      return `${String(c.url)}${d.secret ? " (signed)" : " (unsigned)"}`;
    case "slack":
      return `Slack incoming webhook on ${String(c.host)} (URL hidden)`;
    case "email":
      return `${(c.to as string[]).join(", ")} via ${String(c.host)}:${String(c.port)}`;
    case "sns":
      return String(c.topicArn);
  }
}
