// Raw responses are evidence shown to every viewer: subscriber endpoints (webhook URLs with keys,
// PagerDuty integration URLs, e-mail addresses, phone numbers) must never be stored or shown, while
// counts and protocols stay. Every response kind the collector stores must be classified.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CallRecorder, newRunStats } from "@/lib/collect/call-recorder";
import { RAW_EVIDENCE_POLICY, redactRawEvidence, redactStoredRaw } from "@/lib/collect/redact-evidence";

const SECRETS = [
  "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX",
  "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue",
  "oncall@example.com",
  "+15555550100",
  "arn:aws:lambda:us-east-1:111111111111:function:pager",
];

const subscriptions = {
  Subscriptions: [
    {
      SubscriptionArn: "arn:aws:sns:us-east-1:111111111111:alarms:1",
      Owner: "111111111111",
      Protocol: "https",
      Endpoint: SECRETS[0],
      TopicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
    },
    {
      SubscriptionArn: "arn:aws:sns:us-east-1:111111111111:alarms:2",
      Owner: "111111111111",
      Protocol: "https",
      Endpoint: SECRETS[1],
      TopicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
    },
    {
      SubscriptionArn: "PendingConfirmation",
      Owner: "111111111111",
      Protocol: "email",
      Endpoint: SECRETS[2],
      TopicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
    },
    {
      SubscriptionArn: "arn:aws:sns:us-east-1:111111111111:alarms:4",
      Owner: "111111111111",
      Protocol: "sms",
      Endpoint: SECRETS[3],
      TopicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
    },
    {
      SubscriptionArn: "arn:aws:sns:us-east-1:111111111111:alarms:5",
      Owner: "111111111111",
      Protocol: "lambda",
      Endpoint: SECRETS[4],
      TopicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
    },
  ],
};

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("raw evidence redaction", () => {
  it("keeps subscription counts, protocols and states, and drops the endpoints", () => {
    const out = redactRawEvidence("sns:ListSubscriptionsByTopic", subscriptions) as typeof subscriptions;
    expectNoSecrets(out);
    expect(out.Subscriptions).toHaveLength(5);
    expect(out.Subscriptions.map((s) => s.Protocol)).toEqual(["https", "https", "email", "sms", "lambda"]);
    expect(out.Subscriptions[0]!.Endpoint).toBe("[redacted https endpoint]");
    expect(out.Subscriptions[2]!.SubscriptionArn).toBe("PendingConfirmation");
  });

  it("redacts at collection time: the recorder never holds an endpoint", async () => {
    const rec = new CallRecorder("111111111111", newRunStats());
    const res = await rec.call(
      {
        service: "sns",
        operation: "ListSubscriptionsByTopic",
        region: "us-east-1",
        resource: "arn:aws:sns:us-east-1:111111111111:alarms",
      },
      async () => ({ ...subscriptions, $metadata: { httpStatusCode: 200 } }),
    );
    expect(res.ok).toBe(true);
    expectNoSecrets(rec.raw);
    expect(Object.keys(rec.raw)).toHaveLength(1);
  });

  it("redacts what was stored before, when it is shown, whatever the response kind", () => {
    const stored = {
      "sns ListSubscriptionsByTopic 111111111111 us-east-1 arn:aws:sns:us-east-1:111111111111:alarms": subscriptions,
      "shared sns ListSubscriptionsByTopic 222222222222 us-east-1 arn:aws:sns:us-east-1:222222222222:a": subscriptions,
      "future NewOperation": { Nested: [{ Protocol: "https", Endpoint: SECRETS[0] }] },
      "cloudtrail ListTrails": { Trails: [{ Name: "main" }] },
    };
    const shown = redactStoredRaw(stored);
    expectNoSecrets(shown);
    expect(shown["cloudtrail ListTrails"]).toEqual({ Trails: [{ Name: "main" }] });
  });

  it("classifies every operation the collector calls (a new call must be listed before it is stored)", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const dir = path.join(root, "lib/collect");
    const SERVICE: Record<string, string> = {
      "client-cloudtrail": "cloudtrail",
      "client-cloudwatch": "cloudwatch",
      "client-cloudwatch-logs": "logs",
      "client-s3": "s3",
      "client-ec2": "ec2",
      "client-organizations": "organizations",
      "client-securityhub": "securityhub",
      "client-sns": "sns",
      "client-sts": "sts",
    };
    const called = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(path.join(dir, file), "utf8");
      // import { XCommand, ... } from "@aws-sdk/client-Y"
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z0-9-]+)"/g)) {
        const service = SERVICE[m[2]!];
        for (const name of m[1]!.matchAll(/\b([A-Z][A-Za-z0-9]+)Command\b/g)) {
          if (!text.includes(`new ${name[1]}Command(`)) continue;
          expect(service, `${file}: unknown client ${m[2]}`).toBeDefined();
          called.add(`${service}:${name[1]}`);
        }
      }
    }
    expect(called.size).toBeGreaterThan(15);
    expect(called).toContain("sns:ListSubscriptionsByTopic");
    const unlisted = [...called].filter((op) => !(op in RAW_EVIDENCE_POLICY));
    expect(unlisted, "add these operations to RAW_EVIDENCE_POLICY in lib/collect/redact-evidence.ts").toEqual([]);
  });
});
