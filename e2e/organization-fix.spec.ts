// The organization fix from the Remediation page, as an engineer against the demo organization:
// plan it, read the plan (the adopted organization trail, the guardrail and where it goes, the
// members' trails that duplicate it) before anything changes, confirm, watch it apply and verify,
// then see it on the managers' progress page.
import { expect, test } from "@playwright/test";
import { asClient, signInViaForm } from "./auth-helpers";

const SHOTS = process.env.TRAILWARDEN_E2E_SCREENSHOTS;

test("plan, review and apply the organization fix; the progress page shows it", async ({ page }) => {
  test.setTimeout(420_000);
  await asClient(page, 190);
  await signInViaForm(page, "engineer");

  await page.goto("/remediation");
  const card = page.getByTestId("organization-card");
  await expect(card).toContainText("one organization trail covers every account");
  await card.getByTestId("fix-organization").click();

  const dialog = page.getByTestId("fix-family-dialog");
  await expect(dialog.getByTestId("organization-plan")).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId("organization-trail")).toContainText("adopted");
  await expect(dialog.getByTestId("organization-guardrail")).toContainText("trailwarden-protect-cloudtrail");
  await expect(dialog.getByTestId("organization-duplicates")).toContainText("never changed by this fix");
  const create = dialog.locator('[data-testid="plan-step"][data-operation="CreatePolicy"]');
  await expect(create).toContainText("cloudtrail:StopLogging");
  await expect(dialog.locator('[data-testid="plan-step"][data-operation="AttachPolicy"]')).toHaveCount(1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/organization-plan.png` });

  // Nothing is applied before the explicit confirmation.
  await expect(dialog.getByTestId("apply-plan")).toBeDisabled();
  await dialog.getByTestId("confirm-plan").check();
  await expect(dialog).toContainText("changes to the organization");
  await dialog.getByTestId("apply-plan").click();

  await expect(dialog.getByTestId("job-progress")).toBeVisible();
  await expect(dialog.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 300_000 });
  await expect(dialog.getByTestId("verification-outcome")).toContainText("logging, validated, alarming");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/organization-applied.png` });

  await page.goto("/remediation");
  const jobs = page.getByTestId("remediation-jobs");
  const row = jobs.locator("tr", { has: page.getByTestId("job-scope-organization") }).first();
  await expect(row).toContainText("Organization");
  await expect(row).toContainText("logging, validated, alarming");
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "succeeded");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/organization-progress.png`, fullPage: true });

  // A second plan is empty: the organization trail and the guardrail are in place.
  await card.getByTestId("fix-organization").click();
  await expect(page.getByTestId("plan-summary")).toContainText("Nothing to do", { timeout: 60_000 });

  // The optional AWS Config rule is off by default; asked for, the plan shows it as visible steps
  // in the management account before anything changes.
  const again = page.getByTestId("fix-family-dialog");
  await expect(again.getByTestId("config-rule-toggle")).not.toBeChecked();
  await expect(again.getByTestId("organization-config-rule")).toHaveCount(0);
  await again.getByTestId("config-rule-toggle").check();
  await expect(again.getByTestId("organization-config-rule")).toContainText(
    "trailwarden-multi-region-cloudtrail-enabled",
    { timeout: 60_000 },
  );
  await expect(again.getByTestId("config-rule-toggle")).toBeChecked();
  await expect(again.locator('[data-testid="plan-step"][data-operation="PutOrganizationConfigRule"]')).toContainText(
    "MULTI_REGION_CLOUD_TRAIL_ENABLED",
  );
  await expect(again.locator('[data-testid="plan-step"][data-operation="EnableAWSServiceAccess"]')).toContainText(
    "config-multiaccountsetup.amazonaws.com",
  );
  await expect(again.getByTestId("apply-plan")).toBeDisabled();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/organization-config-rule-plan.png` });
});
