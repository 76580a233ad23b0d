// "Fix whole family" against the demo organization, as an engineer: from an account with a failing
// control, plan, review the diff, confirm, watch the steps complete and the verification pass,
// then see the account's row in the matrix turn green. Then the bulk flow from the matrix, and the
// managers' page listing the jobs.
import { expect, test, type Page } from "@playwright/test";
import { asClient, signInViaForm } from "./auth-helpers";

let client = 160;
async function signInAsEngineer(page: Page): Promise<void> {
  await asClient(page, client++);
  await signInViaForm(page, "engineer");
}

const grid = (page: Page) => page.getByRole("grid", { name: "Accounts by control" });

/** A fresh collection (through the API, as "Collect now" does) so the matrix shows the seeded states. */
async function collectNow(page: Page, baseURL: string): Promise<void> {
  const started = await page.request.post("/api/v1/collections", { headers: { origin: baseURL }, data: {} });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/v1/collections/${runId}`)).json()) as { active: boolean }).active,
      { timeout: 120_000 },
    )
    .toBe(false);
}

async function accountIdOf(page: Page, name: string): Promise<string> {
  await page.goto(`/matrix?q=${name}`);
  const href = await grid(page)
    .getByRole("link", { name: new RegExp(name) })
    .first()
    .getAttribute("href");
  const id = /\/accounts\/(\d{12})/.exec(href ?? "")?.[1];
  if (!id) throw new Error(`no account link for ${name}`);
  return id;
}

async function failingCells(page: Page, accountId: string): Promise<number> {
  return page.locator(`[data-testid^="cell-${accountId}-"][data-status="FAILED"]`).count();
}

test("plan, confirm, watch progress, and see the matrix turn green", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signInAsEngineer(page);
  await collectNow(page, baseURL!);
  // data-platform-prod's trail has log file validation off (CloudTrail.4).
  const accountId = await accountIdOf(page, "data-platform-prod");
  await expect(page.getByTestId(`cell-${accountId}-CloudTrail.4`)).toHaveAttribute("data-status", "FAILED");

  await page.goto(`/accounts/${accountId}`);
  await page.getByTestId("fix-family").click();
  const dialog = page.getByTestId("fix-family-dialog");
  await expect(dialog.getByTestId("plan-summary")).toContainText("CloudTrail.4");
  const update = dialog.locator('[data-testid="plan-step"][data-operation="UpdateTrail"]');
  await expect(update).toContainText("EnableLogFileValidation");
  await update.getByText("The exact call").click();
  await expect(update.locator("pre")).toContainText('"EnableLogFileValidation": true');

  // Nothing is applied before the explicit confirmation.
  await expect(dialog.getByTestId("apply-plan")).toBeDisabled();
  await dialog.getByTestId("confirm-plan").check();
  await dialog.getByTestId("apply-plan").click();

  await expect(dialog.getByTestId("job-progress")).toBeVisible();
  await expect(dialog.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });
  await expect(dialog.getByTestId("verification-outcome")).toContainText("logging, validated, alarming");

  await page.goto(`/matrix?q=data-platform-prod`);
  await expect(page.getByTestId(`cell-${accountId}-CloudTrail.4`)).toHaveAttribute("data-status", "PASSED");
  expect(await failingCells(page, accountId)).toBe(0);
});

test("fixes the selected accounts from the matrix, at most five at a time", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signInAsEngineer(page);
  await collectNow(page, baseURL!);
  const bob = await accountIdOf(page, "sandbox-bob");
  const legacy = await accountIdOf(page, "sandbox-legacy");
  await page.goto("/matrix");
  await page.getByLabel("Organizational unit").selectOption("Root/Sandbox");
  await page.getByTestId("select-all").check();
  await page.getByTestId("bulk-fix-family").click();

  const dialog = page.getByTestId("bulk-fix-dialog");
  await expect(dialog.getByTestId("bulk-plan")).toHaveCount(3);
  await expect(dialog).toContainText("Nothing to do"); // sandbox-alice: the organization trail covers it
  await dialog.getByTestId("confirm-bulk").check();
  await dialog.getByTestId("apply-bulk").click();
  const statuses = dialog.getByTestId("bulk-job-status");
  await expect(statuses).toHaveCount(2, { timeout: 60_000 });
  for (let i = 0; i < 2; i++)
    await expect(statuses.nth(i)).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });

  await page.goto("/matrix?ou=Root%2FSandbox");
  for (const id of [bob, legacy]) {
    await expect(page.getByTestId(`cell-${id}-CloudTrail.1`)).toBeVisible();
    expect(await failingCells(page, id)).toBe(0);
  }

  await page.goto("/remediation");
  const jobs = page.getByTestId("remediation-jobs");
  await expect(jobs).toContainText("sandbox-bob");
  await expect(jobs).toContainText("sandbox-legacy");
  await expect(jobs).toContainText("engineer@trailwarden.local");
  await expect(page.getByTestId("burn-down")).toBeVisible();
});
