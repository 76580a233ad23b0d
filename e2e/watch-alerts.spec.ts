// Alerts in the browser against the demo (watch interval 5 s in playwright.config.ts): an admin adds
// a webhook destination pointing at a receiver this spec runs on 127.0.0.1, sends a test, then a
// trail is stopped in the simulated AWS and the firing alert appears with who stopped it. Runs last
// (file order) and starts the trail again, so the other specs see the seeded organization.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CloudTrailClient, StartLoggingCommand, StopLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { E2E } from "../playwright.config";
import { asClient, signInViaForm } from "./auth-helpers";

interface Received {
  rule: string;
  status: string;
  accountId: string;
  trailArn: string | null;
  test?: boolean;
  actor: { arn: string } | null;
}

const received: Received[] = [];
let receiver: http.Server;
let hookUrl: string;

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(parts).toString("utf8")) as Received);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/trailwarden`;
});
test.afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

/** CloudTrail in the payments-prod account as the assumed role session "e2e-mallory". */
async function paymentsTrail(): Promise<{ ct: CloudTrailClient; accountId: string }> {
  const endpoint = readFileSync(path.join(E2E.demoDataDir, "aws-endpoint"), "utf8").trim();
  const base = {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 2,
  };
  const org = new OrganizationsClient(base);
  const accounts = (await org.send(new ListAccountsCommand({}))).Accounts ?? [];
  org.destroy();
  const accountId = accounts.find((a) => a.Name === "payments-prod")!.Id!;
  const sts = new STSClient(base);
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: "e2e-mallory",
    }),
  );
  sts.destroy();
  const ct = new CloudTrailClient({
    ...base,
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken },
  });
  return { ct, accountId };
}

test("an admin adds a webhook, sends a test, and sees the alert a stopped trail raises", async ({ page }) => {
  test.setTimeout(150_000);
  await asClient(page, 130);
  await signInViaForm(page, "admin");
  await page.goto("/settings/alerts");
  await expect(page.getByRole("heading", { name: "Alert settings" })).toBeVisible();
  await page.getByLabel("Type").selectOption("webhook");
  await page.getByLabel("Name").fill("e2e receiver");
  await page.getByLabel("URL").fill(hookUrl);
  await page.getByLabel("Signing secret (optional)").fill("e2e-secret");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("status")).toContainText("Destination “e2e receiver” added.");
  const row = page.getByTestId("destination-e2e receiver");
  await expect(row).toContainText(`${hookUrl} (signed)`);
  await expect(row).not.toContainText("e2e-secret");

  await row.getByRole("button", { name: "Send test" }).click();
  await expect.poll(() => received.some((r) => r.test === true), { timeout: 30_000 }).toBe(true);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("destination-e2e receiver").getByTestId("last-test").textContent();
      },
      { timeout: 30_000 },
    )
    .toContain("last test: delivered");
  await page.screenshot({ path: "test-results/alert-settings.png", fullPage: true });

  const { ct, accountId } = await paymentsTrail();
  await ct.send(new StopLoggingCommand({ Name: "payments-prod-trail" }));
  try {
    await expect
      .poll(() => received.some((r) => r.rule === "logging-stopped" && r.accountId === accountId), {
        timeout: 60_000,
      })
      .toBe(true);
    const message = received.find((r) => r.rule === "logging-stopped" && r.accountId === accountId)!;
    expect(message.actor?.arn).toBe(`arn:aws:sts::${accountId}:assumed-role/OrganizationAccountAccessRole/e2e-mallory`);

    await page.goto("/alerts");
    const firing = page.getByTestId("firing-alerts");
    const card = firing.locator("li", { hasText: "Logging stopped on trail payments-prod-trail" });
    await expect(card).toBeVisible();
    await expect(card).toContainText("payments-prod");
    await expect(card.getByTestId("alert-actor")).toContainText("e2e-mallory");
    await expect(card).toContainText("firing → e2e receiver: delivered");
    await page.screenshot({ path: "test-results/alerts-firing.png", fullPage: true });
  } finally {
    await ct.send(new StartLoggingCommand({ Name: "payments-prod-trail" }));
    ct.destroy();
  }
  await expect
    .poll(
      () => received.some((r) => r.rule === "logging-stopped" && r.status === "resolved" && r.accountId === accountId),
      { timeout: 60_000 },
    )
    .toBe(true);
});
