// Each alert destination, delivered for real and read back on the receiving side: e-mail through a
// real SMTP server (smtp-server) with authentication, a Slack incoming webhook (the body Slack
// expects), an SNS topic in moto (the message moto recorded as published), and the generic
// webhook's HMAC signature. Deliveries go through deliverAlert, as the alert-deliver job runs them,
// so the outcome recorded on the delivery row is checked too.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import type { AlertPayload } from "@/lib/alerts/alert-payload";
import { deliverAlert } from "@/lib/alerts/deliver-alert";
import { createDestination } from "@/lib/alerts/manage-destinations";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { motoClientConfig } from "@/sim/aws-env";
import { useFreshDatabase } from "./support/test-database";

const admin = { type: "user" as const, id: "u-admin", name: "admin@example.com", role: "admin" as const };
const payload: AlertPayload = {
  id: "6d0c5a8e-0000-4000-8000-000000000001",
  rule: "logging-stopped",
  status: "firing",
  accountId: "222222222222",
  accountName: "payments-prod",
  controlId: null,
  trailArn: "arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
  summary: "Logging stopped on trail arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
  detectedAt: "2026-12-01T10:00:00.000Z",
  actor: {
    arn: "arn:aws:sts::222222222222:assumed-role/Admin/mallory",
    sourceIp: "203.0.113.7",
    eventTime: "2026-12-01T09:59:12.000Z",
  },
  url: "http://127.0.0.1:3000/alerts?alert=6d0c5a8e-0000-4000-8000-000000000001",
};

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let receiver: http.Server;
const posts: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  fresh = await useFreshDatabase();
  resetEnvCache();
  receiver = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      posts.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(parts).toString("utf8") });
      res.writeHead(req.url?.includes("fail") ? 500 : 200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await fresh.drop();
});

const base = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

/** One delivery of `payload` to a destination, as the alert-deliver job runs it (last attempt). */
async function deliver(destinationId: string) {
  const d = await db.alertDelivery.create({
    data: { destinationId, destinationName: "test", event: "firing", payload: payload as object },
  });
  const outcome = await deliverAlert(d.id, true);
  return { outcome, row: await db.alertDelivery.findUniqueOrThrow({ where: { id: d.id } }) };
}

describe("alert destinations", () => {
  it("e-mail: a real SMTP server receives the message, after authenticating with the stored password", async () => {
    const mails: { from: string; to: string[]; raw: string; user: string }[] = [];
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      onAuth(auth, _session, cb) {
        if (auth.username === "alerts" && auth.password === "s3cret") cb(null, { user: auth.username });
        else cb(new Error("Invalid username or password"));
      },
      onData(stream, session, cb) {
        const parts: Buffer[] = [];
        stream.on("data", (c: Buffer) => parts.push(c));
        stream.on("end", () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(parts).toString("utf8"),
            user: String(session.user),
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const dest = await createDestination(
        {
          type: "email",
          name: "security team",
          host: "127.0.0.1",
          port,
          user: "alerts",
          password: "s3cret",
          from: "trailwarden@example.com",
          to: ["secops@example.com", "oncall@example.com"],
        },
        admin,
      );
      const { outcome, row } = await deliver(dest.id);
      expect(outcome).toBe("delivered");
      expect(row).toMatchObject({ status: "delivered", attempts: 1, error: null });
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail).toMatchObject({
        from: "trailwarden@example.com",
        to: ["secops@example.com", "oncall@example.com"],
        user: "alerts",
      });
      // Undo quoted-printable: soft line breaks, then =XX escapes.
      const body = mail.raw
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(mail.raw).toMatch(/^Subject: .*payments-prod/m);
      expect(body).toContain("Account: payments-prod (222222222222)");
      expect(body).toContain(`Trail: ${payload.trailArn}`);
      expect(body).toContain("By: arn:aws:sts::222222222222:assumed-role/Admin/mallory from 203.0.113.7");
      expect(body).toContain(payload.url);

      // A wrong password: refused by the server, recorded as failed with the reason.
      const wrong = await createDestination(
        {
          type: "email",
          name: "wrong password",
          host: "127.0.0.1",
          port,
          user: "alerts",
          password: "nope",
          from: "trailwarden@example.com",
          to: ["secops@example.com"],
        },
        admin,
      );
      const refused = await deliver(wrong.id);
      expect(refused.outcome).toBe("failed");
      expect(refused.row.error).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: .*Invalid`));
      expect(mails).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("Slack: one JSON body { text } in Slack's mrkdwn, posted to the incoming-webhook URL kept as the secret", async () => {
    const dest = await createDestination(
      { type: "slack", name: "#security", url: `${base()}/services/T0/B0/x` },
      admin,
    );
    const stored = await db.alertDestination.findUniqueOrThrow({ where: { id: dest.id } });
    expect(stored.config).toEqual({ host: new URL(base()).host });
    const before = posts.length;
    const { outcome } = await deliver(dest.id);
    expect(outcome).toBe("delivered");
    const post = posts[before]!;
    expect(post.path).toBe("/services/T0/B0/x");
    expect(post.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(post.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["text"]);
    expect(String(body.text).split("\n")).toEqual([
      expect.stringMatching(/^\*.*payments-prod.*\*$/),
      `Trail: \`${payload.trailArn}\``,
      "By arn:aws:sts::222222222222:assumed-role/Admin/mallory from 203.0.113.7 at 2026-12-01T09:59:12.000Z",
      `<${payload.url}|Open in Trailwarden>`,
    ]);
    // Slack answering an error is a failed delivery, with the status.
    const failing = await createDestination({ type: "slack", name: "#broken", url: `${base()}/fail` }, admin);
    const failed = await deliver(failing.id);
    expect(failed.outcome).toBe("failed");
    expect(failed.row.error).toBe(`${new URL(base()).host} answered HTTP 500 Internal Server Error`);
  });

  it("SNS: the topic in moto records the published message, the webhook's JSON body, with a subject", async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL!;
    const sns = new SNSClient(motoClientConfig(endpoint, undefined, "eu-west-1"));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "trailwarden-alerts" }));
    sns.destroy();
    const dest = await createDestination({ type: "sns", name: "topic", topicArn: TopicArn! }, admin);
    const { outcome, row } = await deliver(dest.id);
    expect(outcome).toBe("delivered");
    expect(row.status).toBe("delivered");
    // moto's own record of what was published to the topic (its /moto-api/data.json dump).
    const data = (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as {
      sns: { Topic: { arn: string; sent_notifications: [string, string, string | null, unknown, unknown][] }[] };
    };
    const topic = data.sns.Topic.find((t) => t.arn === TopicArn)!;
    expect(topic.sent_notifications).toHaveLength(1);
    const [, message, subject] = topic.sent_notifications[0]!;
    expect(JSON.parse(message)).toEqual(payload);
    expect(subject).toMatch(/payments-prod/);

    // A topic that does not exist: failed, with SNS's error code.
    const missing = await createDestination(
      { type: "sns", name: "gone", topicArn: TopicArn!.replace(/trailwarden-alerts$/, "trailwarden-missing") },
      admin,
    );
    const failed = await deliver(missing.id);
    expect(failed.outcome).toBe("failed");
    expect(failed.row.error).toMatch(/^SNS arn:aws:sns:eu-west-1:\d{12}:trailwarden-missing: NotFound/);
  });

  it("webhook: the signature is HMAC-SHA256 of '<timestamp>.<body>' with the shared secret", async () => {
    const dest = await createDestination(
      { type: "webhook", name: "siem", url: `${base()}/hook`, secret: "shared-secret" },
      admin,
    );
    const before = posts.length;
    expect((await deliver(dest.id)).outcome).toBe("delivered");
    const post = posts[before]!;
    const timestamp = String(post.headers["x-trailwarden-timestamp"]);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(post.headers["x-trailwarden-signature"]).toBe(
      `sha256=${createHmac("sha256", "shared-secret").update(`${timestamp}.${post.body}`).digest("hex")}`,
    );
    expect(JSON.parse(post.body)).toEqual(payload);
  });
});
